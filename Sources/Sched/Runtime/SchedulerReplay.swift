/// Replays the choices of a token, one schedule.
final class ReplayScheduler: Scheduler {
    private let choices: [Int]
    private var position = 0
    private var ran = false
    let tag: String

    init(choices: [Int], tag: String) {
        self.choices = choices
        self.tag = tag
    }

    var exhaustive: Bool { false }
    /// Whether every choice of the token was used.
    var consumedAll: Bool { position == choices.count }

    func nextExecution() -> Bool {
        defer { ran = true }
        return !ran
    }

    func choose(_ enabled: [Int], current: Int?, step: Int) -> Int? {
        guard position < choices.count else { return nil }
        defer { position += 1 }
        return choices[position]
    }

    func chooseValue(_ count: Int) -> Int? {
        guard position < choices.count else { return nil }
        defer { position += 1 }
        return choices[position]
    }

    func executionEnded(steps: Int) {}
}
