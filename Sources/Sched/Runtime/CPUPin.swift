import Glibc

/// Keeps one explorer's threads on one CPU while it runs.
///
/// Only one thread of a schedule runs at a time; each hand-off posts the next thread's semaphore
/// and parks the current one. Left to the kernel, the woken thread often lands on another, idle
/// core and waits for it to wake up: measured on the 2-core machine, one explorer ran 3.1× faster
/// pinned (mark-many-unlock-all: 3.8 s against 11.8 s). Worker threads inherit the mask of the
/// thread that creates them, so pinning the controller before its pool spawns pins them all.
struct CPUPin {
    private var previous = cpu_set_t()
    private var pinned = false

    // glibc's affinity calls need _GNU_SOURCE, which the Glibc module does not define: look them up.
    private typealias AffinityCall = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32
    private typealias CPUCall = @convention(c) () -> Int32
    private static let getAffinity = lookup("sched_getaffinity", as: AffinityCall.self)
    private static let setAffinity = lookup("sched_setaffinity", as: AffinityCall.self)
    private static let currentCPU = lookup("sched_getcpu", as: CPUCall.self)

    private static func lookup<F>(_ name: String, as type: F.Type) -> F? {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), name).map { unsafeBitCast($0, to: type) }
    }

    /// Pins the calling thread to the `part`-th CPU it may run on (modulo their number), or,
    /// without a part, to the CPU it runs on now.
    init(part: Int?) {
        // Thread id 0 is the calling thread (Linux affinity is per thread).
        guard let get = Self.getAffinity, let set = Self.setAffinity, let current = Self.currentCPU,
              get(0, MemoryLayout<cpu_set_t>.size, &previous) == 0 else { return }
        let allowed = Self.cpus(in: previous)
        guard allowed.count > 1 else { return }
        let now = Int(current())
        let cpu = part.map { allowed[$0 % allowed.count] } ?? (allowed.contains(now) ? now : allowed[0])
        var only = cpu_set_t()
        withUnsafeMutableBytes(of: &only) { $0[cpu / 8] |= UInt8(1 << (cpu % 8)) }
        pinned = set(0, MemoryLayout<cpu_set_t>.size, &only) == 0
    }

    /// Gives the calling thread its earlier mask back.
    mutating func release() {
        guard pinned else { return }
        pinned = false
        _ = Self.setAffinity?(0, MemoryLayout<cpu_set_t>.size, &previous)
    }

    /// The CPUs the calling thread may run on (nil when glibc has no affinity calls).
    static func allowedCPUs() -> [Int]? {
        var set = cpu_set_t()
        guard let get = getAffinity, get(0, MemoryLayout<cpu_set_t>.size, &set) == 0 else { return nil }
        return cpus(in: set)
    }

    private static func cpus(in set: cpu_set_t) -> [Int] {
        withUnsafeBytes(of: set) { bytes in
            (0..<bytes.count * 8).filter { bytes[$0 / 8] & UInt8(1 << ($0 % 8)) != 0 }
        }
    }
}
