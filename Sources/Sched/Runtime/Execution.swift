import Glibc
import Synchronization

/// One run of a scenario under one schedule: the threads, the hand-off between them, and the outcome.
///
/// Exactly one thread (the controller or one model thread) touches this object at a time; the
/// worker semaphores order those turns, so plain fields need no locks.
final class Execution {
    enum Phase { case setup, running, finally }

    /// A failure before it gets its trace and token.
    struct Problem {
        let kind: Failure.Kind
        let message: String
        let thread: String
        let site: SourceSite?
    }

    let scheduler: Scheduler
    let maxSteps: Int
    /// Distinguishes this schedule's per-location state from an earlier schedule's.
    let id: Int
    let memory: MemoryModel
    /// Per model thread, its vector clock (`hb` and `weak` only).
    var clocks: [VectorClock] = []
    /// Data races found so far (`hb` and `weak` only).
    var races: [DataRace] = []
    /// Everything released by read-side critical sections that have ended (grace periods).
    var rcuClock = VectorClock(threads: 0)
    /// Whether trace lines are built (off while exploring; a failing schedule is replayed with it on).
    let recording: Bool
    var phase = Phase.setup
    var threads: [ModelThread] = []
    var steps = 0
    var trace: [TraceStep] = []
    /// The thread picked at every decision that offered more than one thread.
    var choices: [Int] = []
    /// Decisions that switched away from a thread that could have gone on.
    var preemptions = 0
    /// The next trace step is the first after a preemption.
    private var preempted = false
    var problem: Problem?
    /// Set once the schedule has failed: parked threads end when woken.
    var aborted = false
    /// Set when the scheduler had no fitting choice (a replay token that does not match).
    var replayMismatch = false
    /// Posted to the controller when the phase ends or the schedule fails.
    let done = Semaphore()
    var rcuPending: [PendingFree] = []
    private var enabled: [Int] = []

    private let stats: ExplorerStats

    init(scheduler: Scheduler, maxSteps: Int, recording: Bool, memory: MemoryModel, stats: ExplorerStats) {
        self.stats = stats
        id = Self.nextID.add(1, ordering: .relaxed).newValue
        self.memory = memory
        stats.executionsAlive.add(1, ordering: .relaxed)
        self.scheduler = scheduler
        self.maxSteps = maxSteps
        self.recording = recording
    }

    deinit {
        stats.executionsAlive.subtract(1, ordering: .relaxed)
    }

    func record(_ thread: ModelThread, _ operation: String, file: StaticString, line: UInt) {
        appendTrace(TraceStep(thread: thread.name, operation: operation, file: file.description, line: Int(line)))
    }

    /// Appends a trace step, marked when it is the first after a preemption.
    func appendTrace(_ step: TraceStep) {
        var step = step
        step.preempts = preempted
        preempted = false
        trace.append(step)
    }

    // MARK: Scheduling

    func point(_ thread: ModelThread, file: StaticString, line: UInt, yield: Bool) {
        guard phase == .running, thread.preemptCount == 0 else { return }
        countStep(thread, file: file, line: line)
        guard let next = decide(current: thread, yielding: yield) else {
            fail(thread, .replayMismatch, Self.mismatchMessage, site: SourceSite(file, line))
        }
        if next !== thread { transfer(from: thread, to: next) }
    }

    func block(_ thread: ModelThread, _ what: String, file: StaticString, line: UInt, until: @escaping () -> Bool) {
        let site = SourceSite(file, line)
        if thread.preemptCount > 0, !until() {
            fail(thread, .assertion, "BUG: sleeping function called from invalid context: \(what)", site: site)
        }
        guard phase == .running else {
            if until() { return }
            fail(thread, .deadlock, "\(thread.name) would sleep forever: \(what)", site: site)
        }
        countStep(thread, file: file, line: line)
        if recording { record(thread, what, file: file, line: line) }
        thread.status = .blocked
        thread.blockedUntil = until
        thread.blockedOn = "\(what) at \(site)"
        guard let next = decide(current: thread, yielding: false) else {
            if replayMismatch { fail(thread, .replayMismatch, Self.mismatchMessage, site: site) }
            fail(thread, .deadlock, deadlockMessage(), site: nil)
        }
        if next === thread {
            thread.status = .ready
            thread.blockedUntil = nil
        } else {
            transfer(from: thread, to: next)
        }
    }

    private static let nextID = Atomic<Int>(0)

    static let mismatchMessage = "the replay token does not fit this scenario"

    /// Picks the next thread to run; nil when none can (or, with `replayMismatch` set, the scheduler had no fitting choice).
    func decide(current: ModelThread?, yielding: Bool) -> ModelThread? {
        enabled.removeAll(keepingCapacity: true)
        for thread in threads {
            switch thread.status {
            case .ready: enabled.append(thread.index)
            case .blocked: if thread.blockedUntil!() { enabled.append(thread.index) }
            case .finished, .exited: break
            }
        }
        if yielding, enabled.count > 1, let current { enabled.removeAll { $0 == current.index } }
        switch enabled.count {
        case 0: return nil
        case 1: return threads[enabled[0]]
        default:
            let preferred = (current?.status == .ready && !yielding) ? current?.index : nil
            guard let pick = scheduler.choose(enabled, current: preferred, step: steps), enabled.contains(pick) else {
                replayMismatch = true
                return nil
            }
            choices.append(pick)
            if let preferred, pick != preferred {
                preemptions += 1
                preempted = recording
            }
            return threads[pick]
        }
    }

    /// Hands the schedule to `next` and parks `thread` until it is picked again.
    private func transfer(from thread: ModelThread, to next: ModelThread) {
        start(next)
        thread.worker.wake.wait()
        if aborted { abandon(thread) }
    }

    /// Lets `next` run (its first start or a resume).
    func start(_ next: ModelThread) {
        next.status = .ready
        next.blockedUntil = nil
        next.started = true
        next.worker.wake.post()
    }

    private func countStep(_ thread: ModelThread, file: StaticString, line: UInt) {
        steps += 1
        if steps > maxSteps {
            fail(thread, .stepBound, "more than \(maxSteps) steps: a livelock or an endless retry loop", site: SourceSite(file, line))
        }
    }

    // MARK: Thread lifecycle

    /// Runs a model thread's body on its worker, then passes the schedule on.
    func runThread(_ thread: ModelThread, _ body: () throws -> Void) {
        let state = ThreadState.current
        state.model = thread
        thread.osThread = pthread_self()
        do { try body() } catch { fail(thread, .uncaughtError, "\(thread.name) threw \(error)", site: nil) }
        if thread.rcuNesting > 0 {
            fail(thread, .assertion, "\(thread.name) ended inside an RCU read-side critical section", site: nil)
        }
        state.model = nil
        thread.status = .finished
        if let next = decide(current: nil, yielding: false) { return start(next) }
        if replayMismatch {
            problem = Problem(kind: .replayMismatch, message: Self.mismatchMessage, thread: thread.name, site: nil)
        } else if threads.contains(where: { $0.status != .finished }) {
            problem = Problem(kind: .deadlock, message: deadlockMessage(), thread: thread.name, site: nil)
        }
        aborted = problem != nil
        done.post()
    }

    /// Runs the setup or finally phase on a worker, then wakes the controller.
    func runPhase(_ thread: ModelThread, _ body: () throws -> Void) {
        let state = ThreadState.current
        state.model = thread
        thread.osThread = pthread_self()
        do { try body() } catch { problem = Problem(kind: .uncaughtError, message: "\(thread.name) threw \(error)", thread: thread.name, site: nil) }
        state.model = nil
        done.post()
    }

    // MARK: Failure

    /// Records the schedule's failure, wakes the controller and ends the calling thread.
    func fail(_ thread: ModelThread, _ kind: Failure.Kind, _ message: String, site: SourceSite?) -> Never {
        if problem == nil { problem = Problem(kind: kind, message: message, thread: thread.name, site: site) }
        if recording, let site {
            appendTrace(TraceStep(thread: thread.name, operation: "\(kind.rawValue): \(message)", file: site.file, line: site.line))
        }
        aborted = true
        thread.status = .exited
        thread.worker.exited = true
        done.post()
        pthread_exit(nil)
    }

    /// Ends a parked thread of a failed schedule (the controller has marked its worker exited).
    private func abandon(_ thread: ModelThread) -> Never {
        pthread_exit(nil)
    }

    /// Releases the parked threads of a failed schedule; returns after their workers are marked exited.
    func tearDown() {
        for thread in threads where thread.status == .ready || thread.status == .blocked {
            if thread.started {
                thread.worker.exited = true
                thread.worker.wake.post()
            } else {
                thread.worker.job = nil
            }
        }
    }

    func deadlockMessage() -> String {
        let stuck = threads.filter { $0.status == .blocked || ($0.status == .exited && $0.blockedUntil != nil) }
        let detail = stuck.map { "\($0.name): \($0.blockedOn)" }.joined(separator: "; ")
        return "deadlock: no thread can run; \(detail)"
    }
}
