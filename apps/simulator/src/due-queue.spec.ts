import { DueQueue } from './due-queue';

describe('DueQueue', () => {
  it('releases items in due order, first in first out among equal times, only once due', () => {
    const queue = new DueQueue<string>();
    [[30, 'c'], [10, 'a1'], [20, 'b'], [10, 'a2'], [40, 'd']].forEach(([dueAt, item]) => queue.push(dueAt as number, item as string));
    expect(queue.popDue(5)).toBeUndefined();
    const released: string[] = [];
    for (let due = queue.popDue(30); due; due = queue.popDue(30)) released.push(due.item);
    expect(released).toEqual(['a1', 'a2', 'b', 'c']);
    expect(queue.size).toBe(1);
  });

  it('stays ordered over many interleaved pushes and pops', () => {
    const queue = new DueQueue<number>();
    const released: number[] = [];
    for (let index = 0; index < 1000; index += 1) {
      queue.push((index * 7919) % 1000, index);
      if (index % 3 === 0) released.push(queue.popDue(Number.POSITIVE_INFINITY)?.dueAt ?? -1);
    }
    for (let due = queue.popDue(Infinity); due; due = queue.popDue(Infinity)) released.push(due.dueAt);
    expect(released).toHaveLength(1000);
    const tail = released.slice(334);
    expect(tail).toEqual([...tail].sort((a, b) => a - b));
  });
});
