/// One part of a depth-first exploration's schedule tree, for splitting it across processes,
/// machines or cores.
///
/// Every schedule but one deviates somewhere from the schedule the search runs first (each
/// decision's first candidate: the running thread goes on, a load reads the newest store). A
/// schedule's class is its first deviation: the decision and the choice made there; the schedule
/// without one is class 0. Depth-first search meets the classes one after another, each as one
/// subtree, in an order that depends only on the first schedule; they are numbered in that order
/// (the "prefix" number of reports). Shard `index` of `count` owns the classes whose number is
/// `index` modulo `count`. So the shards of one count are disjoint, together they are the whole
/// tree, and each shard's schedules run in the order of one undivided run. A shard skips the
/// classes of others without running them; it runs class 0's one schedule in any case, since
/// the other classes branch off its decisions. With dozens of decisions per schedule there are
/// hundreds of classes, of sizes falling with the depth of their deviation: round robin over
/// them balances the shards.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// Zero-based.
    public let index: Int
    public let count: Int

    /// Nil unless `0 <= index < count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    /// `K/N` with `1 <= K <= N`, as `--shard` takes it (one-based, like Playwright's and Jest's).
    public init?(oneBased text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: k - 1, count: n)
    }

    /// The `part`-th of `parts` pieces of this shard: a shard of `count * parts` whose classes are all this shard's.
    public func split(_ part: Int, of parts: Int) -> Shard {
        Shard(index: index + count * part, count: count * parts)!
    }

    /// One-based, `K/N`.
    public var description: String { "\(index + 1)/\(count)" }
}
