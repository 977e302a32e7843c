/**
 * Every topic seen, as a tree by levels (`usine` › `ligne-1` › `pression`), with the number of messages
 * per branch. Updated per message in O(depth); the visible rows are worked out only when drawn, from the
 * expanded branches, so 100,000 topics cost nothing while collapsed.
 */
import { MESSAGE_REDRAW_MS, Notifier, throttledFrames, type Scheduler } from './notifier';

export interface TreeNode {
  readonly name: string;
  /** The topic this node stands for (its levels joined by `/`). */
  readonly path: string;
  readonly depth: number;
  readonly children: Map<string, TreeNode>;
  readonly parent: TreeNode | null;
  /** Messages on this topic and every topic below it. */
  messages: number;
  /** Topics at or below this node that received a message. */
  topics: number;
  /** A message came on exactly this topic (it is a leaf value, even if it has children too). */
  isTopic: boolean;
  sortedChildren: TreeNode[] | null;
}

export interface TreeRow {
  node: TreeNode;
  expanded: boolean;
}

const newNode = (name: string, path: string, depth: number, parent: TreeNode | null): TreeNode => ({
  name,
  path,
  depth,
  children: new Map(),
  parent,
  messages: 0,
  topics: 0,
  isTopic: false,
  sortedChildren: null,
});

export class TopicTree extends Notifier {
  readonly root = newNode('', '', -1, null);
  /** The node of each topic seen, so a message on a known topic costs a walk up its branch and no split. */
  private readonly _topics = new Map<string, TreeNode>();

  constructor(schedule: Scheduler = throttledFrames(MESSAGE_REDRAW_MS)) {
    super(schedule);
  }

  /** A message on `topic`. */
  observe(topic: string): void {
    const known = this._topics.get(topic);
    if (known) {
      for (let node: TreeNode | null = known; node; node = node.parent) node.messages++;
      this.changed();
      return;
    }
    const levels = topic.split('/');
    let node = this.root;
    const path: TreeNode[] = [node];
    for (let depth = 0; depth < levels.length; depth++) {
      const name = levels[depth] as string;
      let child = node.children.get(name);
      if (!child) {
        child = newNode(name, depth === 0 ? name : `${node.path}/${name}`, depth, node);
        node.children.set(name, child);
        node.sortedChildren = null;
      }
      node = child;
      path.push(node);
    }
    node.isTopic = true;
    this._topics.set(topic, node);
    for (const step of path) {
      step.messages++;
      step.topics++;
    }
    this.changed();
  }

  /** Builds the tree again from scratch (after topics were forgotten). */
  rebuild(topics: Iterable<{ topic: string; count: number }>): void {
    this.root.children.clear();
    this._topics.clear();
    this.root.sortedChildren = null;
    this.root.messages = this.root.topics = 0;
    for (const { topic, count } of topics) {
      this.observe(topic);
      this.addMessages(topic, count - 1);
    }
    this.changed();
  }

  find(path: string): TreeNode | undefined {
    let node: TreeNode | undefined = this.root;
    for (const name of path.split('/')) node = node?.children.get(name);
    return node;
  }

  /**
   * The rows to draw: the children of expanded nodes, depth first, in name order. With a search text,
   * the nodes whose path contains it (any case), with their ancestors, all shown expanded.
   */
  rows(expanded: ReadonlySet<string>, search = ''): TreeRow[] {
    const rows: TreeRow[] = [];
    const needle = search.trim().toLowerCase();
    if (needle === '') {
      const walk = (node: TreeNode) => {
        for (const child of childrenOf(node)) {
          const open = expanded.has(child.path);
          rows.push({ node: child, expanded: open });
          if (open) walk(child);
        }
      };
      walk(this.root);
      return rows;
    }
    const matched = new Map<TreeNode, boolean>();
    const matches = (node: TreeNode): boolean => {
      const known = matched.get(node);
      if (known !== undefined) return known;
      let any = node.path.toLowerCase().includes(needle);
      for (const child of node.children.values()) if (matches(child)) any = true;
      matched.set(node, any);
      return any;
    };
    const walk = (node: TreeNode) => {
      for (const child of childrenOf(node)) {
        if (!matches(child)) continue;
        rows.push({ node: child, expanded: child.children.size > 0 });
        walk(child);
      }
    };
    walk(this.root);
    return rows;
  }

  /** More messages on a topic already observed (a mirror catching up with the engine's counts). */
  addMessages(topic: string, extra: number): void {
    if (extra <= 0) return;
    for (let node = this._topics.get(topic) ?? null; node; node = node.parent) node.messages += extra;
    this.changed();
  }
}

function childrenOf(node: TreeNode): TreeNode[] {
  if (!node.sortedChildren) node.sortedChildren = [...node.children.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return node.sortedChildren;
}
