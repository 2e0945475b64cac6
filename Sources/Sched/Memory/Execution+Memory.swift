/// Happens-before and weak loads in one schedule (see `MemoryModel`).
extension Execution {
    /// Gives every model thread its starting clock: its own first epoch, nothing else. Setup
    /// happens before every thread, and its accesses are not recorded, so nothing needs joining.
    func startClocks() {
        clocks = threads.indices.map { index in
            var clock = VectorClock(threads: threads.count)
            clock[index] = 1
            return clock
        }
    }

    /// `thread` acquires `clock` (a lock taken, a release store read, a wake-up, a grace period).
    func acquire(_ thread: ModelThread, _ clock: VectorClock) {
        guard thread.tracksMemory else { return }
        clocks[thread.index].join(clock)
    }

    /// `thread` releases: the clock its earlier accesses are known under; it then starts a new epoch.
    func release(_ thread: ModelThread) -> VectorClock {
        guard thread.tracksMemory else { return VectorClock(threads: 0) }
        let clock = clocks[thread.index]
        clocks[thread.index][thread.index] += 1
        return clock
    }

    /// Records a data race; the schedule goes on (as KCSAN does) and fails when it ends, unless
    /// it fails otherwise first.
    func raced(_ race: DataRace, on thread: ModelThread) {
        if !races.contains(race) { races.append(race) }
        if recording {
            appendTrace(TraceStep(thread: thread.name, operation: "dataRace: \(race.message)", file: race.later.site.file, line: race.later.site.line))
        }
    }

    /// The failure a schedule whose only problems are data races ends in.
    func dataRaceProblem() -> Problem? {
        guard let first = races.first else { return nil }
        let more = races.count > 1 ? "; and \(races.count - 1) more: " + races.dropFirst().map(\.message).joined(separator: "; ") : ""
        return Problem(kind: .dataRace, message: first.message + more, thread: first.later.threadName, site: first.later.site)
    }

    /// Which of `count` readable stores `thread` reads (0: the newest); a decision of the schedule.
    func chooseStore(_ thread: ModelThread, count: Int, site: SourceSite) -> Int {
        guard count > 1 else { return 0 }
        guard let pick = scheduler.chooseValue(count), pick >= 0, pick < count else {
            replayMismatch = true
            fail(thread, .replayMismatch, Self.mismatchMessage, site: site)
        }
        choices.append(pick)
        return pick
    }
}
