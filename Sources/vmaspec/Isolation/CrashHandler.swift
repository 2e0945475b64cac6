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
        ensureAlternateStack(bytes: alternateStackBytes)
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

    /// Swift's runtime gives the main thread an alternate signal stack of 29,888 bytes (measured
    /// here). The kernel puts the CPU's register state there first (AT_MINSIGSTKSZ is 3,376 bytes
    /// with this machine's AVX-512; AMX needs more than 11 KB). On a CI machine a worker died of
    /// SIGSEGV without a report, which is what happens when a signal frame or the handler's JSON
    /// does not fit; it did not happen here, so that is the likely cause, not a proven one. One
    /// MiB leaves room for both handlers.
    static let alternateStackBytes = 1 << 20

    /// Gives the calling thread an alternate signal stack of at least `bytes` (kept for the
    /// process's life: a handler may run on it until the end).
    static func ensureAlternateStack(bytes: Int) {
        if alternateStackSize() >= bytes { return }
        guard let memory = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              memory != MAP_FAILED else { return }
        var stack = stack_t(ss_sp: memory, ss_flags: 0, ss_size: bytes)
        sigaltstack(&stack, nil)
    }

    /// The size of the calling thread's alternate signal stack; 0 when it has none.
    static func alternateStackSize() -> Int {
        var current = stack_t()
        guard sigaltstack(nil, &current) == 0, current.ss_flags & Int32(SS_DISABLE) == 0 else { return 0 }
        return current.ss_size
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
