/// How every interleaved suite orders and summarizes its rounds: each round starts one subject
/// later, so no subject always runs first, and a figure is the median of its rounds.
enum Rounds {
    /// `items` starting at position `round` (modulo their count).
    static func rotated<T>(_ items: [T], by round: Int) -> [T] {
        guard !items.isEmpty else { return items }
        let start = round % items.count
        return Array(items[start...] + items[..<start])
    }

    /// The middle value (the upper one of an even count).
    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
