import { RefetchMarks } from './refetch-marks';

describe('RefetchMarks', () => {
  it('lets every batch through while nothing failed', () => {
    const marks = new RefetchMarks();
    expect(marks.inOrder('t', 0, 500)).toBe(true);
    expect(marks.of('t', 0)).toBeUndefined();
  });

  it('keeps the earliest failed offset: a later failure never moves the refetch forward', () => {
    const marks = new RefetchMarks();
    expect(marks.mark('t', 0, 100)).toBe(100);
    expect(marks.mark('t', 0, 200)).toBe(100);
    expect(marks.mark('t', 0, 50)).toBe(50);
  });

  it('holds back batches fetched beyond the mark until one from the mark comes, then clears it', () => {
    const marks = new RefetchMarks();
    marks.mark('t', 0, 100);
    expect(marks.inOrder('t', 0, 200)).toBe(false);
    expect(marks.inOrder('t', 0, 100)).toBe(true);
    expect(marks.of('t', 0)).toBeUndefined();
    expect(marks.inOrder('t', 0, 200)).toBe(true);
  });

  it('keeps partitions and topics apart', () => {
    const marks = new RefetchMarks();
    marks.mark('t', 0, 100);
    expect(marks.inOrder('t', 1, 900)).toBe(true);
    expect(marks.inOrder('u', 0, 900)).toBe(true);
    expect(marks.inOrder('t', 0, 900)).toBe(false);
  });

  it('forgets every mark on clear', () => {
    const marks = new RefetchMarks();
    marks.mark('t', 0, 100);
    marks.mark('u', 1, 7);
    marks.clear();
    expect(marks.inOrder('t', 0, 900)).toBe(true);
    expect(marks.of('u', 1)).toBeUndefined();
  });

  it('tells whether a batch lies beyond the mark without clearing it', () => {
    const marks = new RefetchMarks();
    marks.mark('t', 0, 100);
    expect(marks.beyond('t', 0, 200)).toBe(true);
    expect(marks.beyond('t', 0, 100)).toBe(false);
    expect(marks.of('t', 0)).toBe(100);
  });
});
