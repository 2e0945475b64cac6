import Glibc

/// A thread of one schedule (or the scenario's setup/finally phase), bound to a worker.
///
/// Only the thread holding the schedule runs; the others are parked on their worker's semaphore.
final class ModelThread {
    enum Status { case ready, blocked, finished, exited }

    unowned let execution: Execution
    /// Position in `execution.threads`; -1 for the setup/finally pseudo-thread.
    let index: Int
    let name: String
    let worker: Worker
    var status = Status.ready
    var started = false
    /// While blocked: true once the thread may continue.
    var blockedUntil: (() -> Bool)?
    /// While blocked: what it waits for, for deadlock reports.
    var blockedOn = ""
    /// RCU read-side nesting under the explorer.
    var rcuNesting = 0
    /// Count of outermost read sections this thread has left (grace-period bookkeeping).
    var rcuExits = 0
    /// The worker's pthread, for `RWSemaphore` ownership.
    var osThread: UInt = 0
    /// Above zero while the thread runs where the kernel cannot be preempted (an RCU callback):
    /// its operations are no scheduling points, and sleeping there is a bug.
    var preemptCount = 0

    init(execution: Execution, index: Int, name: String, worker: Worker) {
        self.execution = execution
        self.index = index
        self.name = name
        self.worker = worker
    }

    /// A scheduling point before an operation; `yield` lets every other runnable thread go first.
    @inline(__always) func point(file: StaticString, line: UInt, yield: Bool = false) {
        execution.point(self, file: file, line: line, yield: yield)
    }

    /// Appends a trace line (built only when the execution records traces).
    @inline(__always) func trace(_ operation: @autoclosure () -> String, file: StaticString, line: UInt) {
        if execution.recording { execution.record(self, operation(), file: file, line: line) }
    }

    /// A scheduling point, the operation, then its trace line.
    @inline(__always)
    func op<R>(file: StaticString, line: UInt, _ describe: (R) -> String, _ body: () -> R) -> R {
        point(file: file, line: line)
        let result = body()
        if execution.recording { execution.record(self, describe(result), file: file, line: line) }
        return result
    }

    /// Sleeps until `until()` is true; other threads run meanwhile.
    func block(_ what: String, file: StaticString, line: UInt, until: @escaping () -> Bool) {
        execution.block(self, what, file: file, line: line, until: until)
    }

    /// Records a failure of the schedule and stops this thread.
    func fail(_ kind: Failure.Kind, _ message: String, file: StaticString, line: UInt) -> Never {
        execution.fail(self, kind, message, site: SourceSite(file, line))
    }
}
