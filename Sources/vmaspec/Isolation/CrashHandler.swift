import Foundation
import Sched
import Synchronization

/// Turns a trap in a worker into a report: on a fatal signal it writes what it knows (the item,
/// the signal, and for a scenario the replay token of the schedule so far) as a `crash` line,
/// then lets the signal take its course, so Swift's own backtrace names the Markdown line on the
/// worker's standard error and the worker dies of the signal.
enum CrashHandler {
    static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT]

    /// The item running now (-1 between items); read by the handler.
    private static let currentItem = Atomic<Int>(-1)
    /// The actions in place before `install` (Swift's backtracer's, or the default), by signal.
    nonisolated(unsafe) private static let previous: UnsafeMutablePointer<sigaction> = {
        let actions = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<sigaction>.stride * 65, alignment: MemoryLayout<sigaction>.alignment)
        memset(actions, 0, MemoryLayout<sigaction>.stride * 65)
        return actions.bindMemory(to: sigaction.self, capacity: 65)
    }()

    static func setCurrentItem(_ index: Int) {
        currentItem.store(index, ordering: .sequentiallyConsistent)
    }

    static func install() {
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { signal, info, _ in
                CrashHandler.report(signal)
                // Put the earlier action back. A trap's instruction runs again on return and raises
                // the same signal into it; a raised signal (abort) is raised again.
                sigaction(signal, CrashHandler.previous + Int(signal), nil)
                if let info, info.pointee.si_code <= 0 { raise(signal) }
            }
            action.sa_flags = SA_SIGINFO | SA_ONSTACK
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, previous + Int(signal))
        }
    }

    private static func report(_ signal: Int32) {
        let snapshot = Explorer.scheduleOfCurrentThread()
        let report = CrashReport(item: currentItem.load(ordering: .sequentiallyConsistent), signal: name(of: signal),
                                 thread: snapshot?.thread, replayToken: snapshot?.replayToken,
                                 trace: snapshot?.trace.map(TraceStepOutcome.init) ?? [])
        WorkerRunner.send(WorkerMessage(crash: report))
    }

    static func name(of signal: Int32) -> String {
        switch signal {
        case SIGILL: "SIGILL"
        case SIGTRAP: "SIGTRAP"
        case SIGSEGV: "SIGSEGV"
        case SIGBUS: "SIGBUS"
        case SIGFPE: "SIGFPE"
        case SIGABRT: "SIGABRT"
        case SIGKILL: "SIGKILL"
        default: "signal \(signal)"
        }
    }
}
