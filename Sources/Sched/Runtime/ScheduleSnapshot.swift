/// What a model thread's schedule looks like at this moment, for a crash report written while the
/// process dies (a trap in model code cannot be caught, only described): the replay token of the
/// choices made so far, which replays the schedule up to the crash, and the trace when recording.
public struct ScheduleSnapshot: Sendable {
    /// The model thread (or `setup` / `finally`) that was running.
    public let thread: String
    public let replayToken: String
    /// The steps so far; empty unless the schedule records its trace (a replay does).
    public let trace: [TraceStep]
}

extension Explorer {
    /// The schedule the calling OS thread is running, when it runs a model thread (or a scenario's
    /// setup or finally) under the explorer; nil on any other thread.
    ///
    /// Meant for a crash handler on the crashing thread: it reads the thread's own state, which
    /// no other thread touches while this one runs.
    public static func scheduleOfCurrentThread() -> ScheduleSnapshot? {
        guard let model = ThreadState.currentIfExists?.model else { return nil }
        let execution = model.execution
        let token = ReplayToken.encode(tag: execution.scheduler.tag, maxSteps: execution.maxSteps, choices: execution.choices)
        return ScheduleSnapshot(thread: model.name, replayToken: token, trace: execution.trace)
    }
}
