import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('commits the items handed in within one turn together, and each gets its own result', async () => {
    const commits: number[][] = [];
    const group = new GroupCommit<number, string>(async (items) => {
      commits.push([...items]);
      return items.map((n) => `done ${n}`);
    });
    const results = await Promise.all([group.submit(1), group.submit(2), group.submit(3)]);
    expect(results).toEqual(['done 1', 'done 2', 'done 3']);
    expect(commits).toEqual([[1, 2, 3]]);
  });

  it('gathers what arrives during a commit into the next one, in order', async () => {
    const commits: number[][] = [];
    let release: () => void = () => undefined;
    const group = new GroupCommit<number, number>(async (items) => {
      commits.push([...items]);
      if (items[0] === 1) await new Promise<void>((resolve) => (release = resolve));
      return items;
    });
    const first = group.submit(1);
    while (commits.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const later = [group.submit(2), group.submit(3)];
    release();
    await Promise.all([first, ...later]);
    expect(commits).toEqual([[1], [2, 3]]);
  });

  it('fails every item of a failed commit, and the next commit still runs', async () => {
    let fail = true;
    const group = new GroupCommit<number, number>(async (items) => {
      if (fail) {
        fail = false;
        throw new Error('connection lost');
      }
      return items;
    });
    const failed = await Promise.allSettled([group.submit(1), group.submit(2)]);
    expect(failed.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    await expect(group.submit(3)).resolves.toBe(3);
  });

  it('refuses a commit that does not answer every item', async () => {
    const group = new GroupCommit<number, number>(async () => [1]);
    await expect(Promise.all([group.submit(1), group.submit(2)])).rejects.toThrow('returned 1 results');
  });
});
