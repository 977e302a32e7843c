import { describe, expect, it } from 'vitest';
import { TopicTree } from '../../../src/state/topic-tree';

const names = (rows: ReturnType<TopicTree['rows']>) => rows.map((row) => row.node.path);

describe('the topic tree', () => {
  it('counts messages and topics per branch', () => {
    const tree = new TopicTree(() => {});
    for (const topic of ['usine/ligne-1/pression', 'usine/ligne-1/pression', 'usine/ligne-2/pression', 'maison/salon']) tree.observe(topic);
    expect(tree.find('usine')).toMatchObject({ messages: 3, topics: 2 });
    expect(tree.find('usine/ligne-1')).toMatchObject({ messages: 2, topics: 1, isTopic: false });
    expect(tree.find('usine/ligne-1/pression')).toMatchObject({ messages: 2, topics: 1, isTopic: true });
    expect(tree.root).toMatchObject({ messages: 4, topics: 3 });
  });

  it('shows the children of expanded branches only, in name order; search shows matches with their ancestors', () => {
    const tree = new TopicTree(() => {});
    for (const topic of ['usine/b', 'usine/a/x', 'maison', '/vide']) tree.observe(topic);
    expect(names(tree.rows(new Set()))).toEqual(['', 'maison', 'usine']);
    expect(names(tree.rows(new Set(['usine'])))).toEqual(['', 'maison', 'usine', 'usine/a', 'usine/b']);
    expect(names(tree.rows(new Set(), 'X'))).toEqual(['usine', 'usine/a', 'usine/a/x']);
    expect(tree.find('/vide')?.depth).toBe(1);
  });

  it('a topic that is also a branch counts once as a topic', () => {
    const tree = new TopicTree(() => {});
    tree.observe('a');
    tree.observe('a/b');
    tree.observe('a');
    expect(tree.find('a')).toMatchObject({ messages: 3, topics: 2, isTopic: true });
  });

  it('rebuilds from the topics kept', () => {
    const tree = new TopicTree(() => {});
    tree.observe('a/b');
    tree.rebuild([{ topic: 'c/d', count: 5 }]);
    expect(tree.find('a')).toBeUndefined();
    expect(tree.find('c')).toMatchObject({ messages: 5, topics: 1 });
    expect(tree.root.messages).toBe(5);
  });
});
