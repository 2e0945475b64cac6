import Synchronization

/// What the explorer knows about one location (an `AtomicInt`, an `AtomicPointer`) in the
/// schedule running now; replaced when another schedule first touches the location.
struct LocationState {
    let execution: Int
    var history: StoreHistory
    var races = RaceCell()
}

/// Per-location state for `hb` and `weak` explorations, kept inside the location itself.
///
/// The mutex only guards against two explorations in one process touching a shared location
/// (a global object); within one schedule only the running model thread ever gets here.
struct TrackedLocation: ~Copyable {
    private let state = Mutex<LocationState?>(nil)

    /// Runs `body` on this schedule's state, made from `current` (the value setup left) on first use.
    func with<R>(_ execution: Execution, current: @autoclosure () -> Int, _ body: (inout LocationState) -> R) -> R {
        state.withLock { state in
            if state?.execution != execution.id {
                state = LocationState(execution: execution.id, history: StoreHistory(initial: current()))
            }
            return body(&state!)
        }
    }
}

extension ModelThread {
    /// The happens-before bookkeeping of this access applies: a model thread (not setup or
    /// finally) of an `hb` or `weak` exploration.
    @inline(__always) var tracksMemory: Bool {
        index >= 0 && execution.memory.tracksHappensBefore && execution.phase == .running
    }

    func recordedAccess(isWrite: Bool, plain: Bool, file: StaticString, line: UInt) -> RecordedAccess {
        RecordedAccess(
            thread: index, threadName: name, epoch: execution.clocks[index][index], isWrite: isWrite, plain: plain,
            file: file, line: line)
    }
}
