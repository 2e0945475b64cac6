/// One access to a memory location, as race detection remembers it.
struct RecordedAccess {
    let thread: Int
    let threadName: String
    let epoch: Int
    let isWrite: Bool
    /// A plain C access; false for a marked one (`READ_ONCE`, an atomic, a lock word).
    let plain: Bool
    let file: StaticString
    let line: UInt

    var site: SourceSite { SourceSite(file, line) }

    var label: String { "\(plain ? "plain" : "marked") \(isWrite ? "write" : "read") by \(threadName) at \(site)" }
}

/// A data race: two accesses to `location`, at least one plain and one a write, neither
/// happening before the other.
struct DataRace: Equatable {
    let location: String
    let earlier: RecordedAccess
    let later: RecordedAccess

    var message: String { "data race on \(location): \(earlier.label) and \(later.label) are not ordered by happens-before" }

    static func == (a: DataRace, b: DataRace) -> Bool {
        a.location == b.location && a.earlier.site.description == b.earlier.site.description
            && a.later.site.description == b.later.site.description
    }
}

/// Race detection for one location in one schedule (FastTrack's idea, kept simple: the last
/// plain and the last marked read and write of every thread).
struct RaceCell {
    private var plainWrites: [RecordedAccess?] = []
    private var markedWrites: [RecordedAccess?] = []
    private var plainReads: [RecordedAccess?] = []
    private var markedReads: [RecordedAccess?] = []

    /// The earlier access `access` races with, if any; then remembers `access`.
    mutating func access(_ access: RecordedAccess, clock: VectorClock) -> RecordedAccess? {
        let race = conflict(with: access, clock: clock)
        switch (access.isWrite, access.plain) {
        case (true, true): Self.remember(access, in: &plainWrites)
        case (true, false): Self.remember(access, in: &markedWrites)
        case (false, true): Self.remember(access, in: &plainReads)
        case (false, false): Self.remember(access, in: &markedReads)
        }
        return race
    }

    private func conflict(with access: RecordedAccess, clock: VectorClock) -> RecordedAccess? {
        var earlier = plainWrites
        if access.plain { earlier += markedWrites }
        if access.isWrite {
            earlier += plainReads
            if access.plain { earlier += markedReads }
        }
        return earlier.lazy.compactMap { $0 }.first { other in
            other.thread != access.thread && !clock.covers(thread: other.thread, epoch: other.epoch)
        }
    }

    private static func remember(_ access: RecordedAccess, in slots: inout [RecordedAccess?]) {
        if access.thread >= slots.count { slots += Array(repeating: nil, count: access.thread + 1 - slots.count) }
        slots[access.thread] = access
    }
}
