/// `AtomicInt` under the `hb` and `weak` memory models: races, store history, synchronization.
extension AtomicInt {
    /// A load: checked for races, then it reads the newest store or, for a weak load, the store
    /// the schedule picks among those coherence allows; an acquire joins that store's release clock.
    func trackedLoad(_ thread: ModelThread, _ order: MemoryOrder, file: StaticString, line: UInt) -> Int {
        let execution = thread.execution
        let clock = execution.clocks[thread.index]
        let access = thread.recordedAccess(isWrite: false, plain: order == .plain, file: file, line: line)
        let weak = execution.memory == .weak && !order.readsNewest
        let (race, candidates) = tracked.with(execution, current: value.load(ordering: .sequentiallyConsistent)) { state in
            (state.races.access(access, clock: clock),
             weak ? state.history.readable(by: thread.index, clock: clock) : [state.history.newest])
        }
        if let race { execution.raced(DataRace(location: name, earlier: race, later: access), on: thread) }
        let index = candidates[execution.chooseStore(thread, count: candidates.count, site: SourceSite(file, line))]
        let (store, newer) = tracked.with(execution, current: 0) { state in
            state.history.markSeen(index, by: thread.index)
            return (state.history.stores[index], state.history.newest - index)
        }
        if order.isAcquire, let release = store.release { execution.acquire(thread, release) }
        if newer > 0 {
            thread.trace("\(name) reads an older store (\(newer) newer not yet visible to \(thread.name))", file: file, line: line)
        }
        return store.value
    }

    /// A store: checked for races; a release store carries the storer's clock.
    func trackedStore(_ thread: ModelThread, _ newValue: Int, _ order: MemoryOrder, file: StaticString, line: UInt) {
        let execution = thread.execution
        let clock = execution.clocks[thread.index]
        let access = thread.recordedAccess(isWrite: true, plain: order == .plain, file: file, line: line)
        let release = order.isRelease ? execution.release(thread) : nil
        let race = tracked.with(execution, current: value.load(ordering: .sequentiallyConsistent)) { state in
            let race = state.races.access(access, clock: clock)
            state.history.append(.init(value: newValue, thread: thread.index, epoch: access.epoch, release: release))
            return race
        }
        value.store(newValue, ordering: .sequentiallyConsistent)
        if let race { execution.raced(DataRace(location: name, earlier: race, later: access), on: thread) }
    }

    /// A read-modify-write: it reads the newest store (as C11 requires) and, when `update` gives a
    /// new value, stores it; the release sequence of the store it read carries on through it.
    func trackedUpdate<R>(_ thread: ModelThread, _ order: MemoryOrder, file: StaticString, line: UInt, _ update: (Int) -> (Int?, R)) -> R {
        let execution = thread.execution
        let clock = execution.clocks[thread.index]
        let access = thread.recordedAccess(isWrite: true, plain: false, file: file, line: line)
        let (race, read) = tracked.with(execution, current: value.load(ordering: .sequentiallyConsistent)) { state in
            (state.races.access(access, clock: clock), state.history.stores[state.history.newest])
        }
        if let race { execution.raced(DataRace(location: name, earlier: race, later: access), on: thread) }
        if order.isAcquire, let release = read.release { execution.acquire(thread, release) }
        let (newValue, result) = update(read.value)
        guard let newValue else {
            tracked.with(execution, current: 0) { $0.history.markSeen($0.history.newest, by: thread.index) }
            return result
        }
        var carried = read.release
        if order.isRelease {
            let own = execution.release(thread)
            carried = carried.map { var joined = $0; joined.join(own); return joined } ?? own
        }
        tracked.with(execution, current: 0) { state in
            state.history.append(.init(value: newValue, thread: thread.index, epoch: access.epoch, release: carried))
        }
        value.store(newValue, ordering: .sequentiallyConsistent)
        return result
    }
}
