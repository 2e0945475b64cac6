import Foundation
import Synchronization

/// One worker process: started with a request, its output lines handed over as they come, its
/// standard error kept for the crash report.
struct WorkerProcess {
    struct Ending {
        /// The exit status, or the signal that killed the process.
        var status: Int32
        var killedBySignal: Bool
        var standardError: String

        var succeeded: Bool { !killedBySignal && status == 0 }
        var description: String {
            killedBySignal ? "signal \(CrashHandler.name(of: status))" : "exit status \(status)"
        }
    }

    /// What the worker's environment adds: a short Swift backtrace (no registers, no image list,
    /// only the crashing thread) whose frames name the Markdown lines, and no interactive prompt.
    static let backtraceSettings = "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,limit=48,top=16"

    /// Runs `executable worker REQUEST`, calling `onMessage` for each line of its output.
    static func run(_ executable: URL, _ request: WorkerRequest, onMessage: (WorkerMessage) -> Void) throws -> Ending {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["worker", String(decoding: try JSONEncoder().encode(request), as: UTF8.self)]
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = backtraceSettings
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()

        let errorText = Mutex(Data())
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            errorText.withLock { $0 = data }
            drained.signal()
        }
        var pending = Data()
        let decoder = JSONDecoder()
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pending.startIndex..<newline]
                pending = Data(pending[(newline + 1)...])
                if let message = try? decoder.decode(WorkerMessage.self, from: line) { onMessage(message) }
            }
        }
        process.waitUntilExit()
        drained.wait()
        return Ending(status: process.terminationStatus, killedBySignal: process.terminationReason == .uncaughtSignal,
                      standardError: String(decoding: errorText.withLock { $0 }, as: UTF8.self))
    }
}

/// What a dead worker's standard error says about the crash: the runtime's message and the
/// innermost Markdown line of the backtrace.
enum CrashText {
    static func crash(_ ending: WorkerProcess.Ending, report: CrashReport?) -> CrashOutcome {
        let lines = ending.standardError.split(separator: "\n").map(String.init)
        let message = lines.lazy.compactMap(runtimeMessage).first
            ?? "crashed with \(report?.signal ?? ending.description)"
        return CrashOutcome(signal: report?.signal ?? ending.description, message: message,
                            location: lines.lazy.compactMap(markdownLocation).first,
                            thread: report?.thread, replayToken: report?.replayToken, trace: report?.trace ?? [])
    }

    /// `Fatal error: …`, `Precondition failed: …` or `Assertion failed: …`, without the
    /// `file:line:` the runtime puts before it.
    static func runtimeMessage(_ line: String) -> String? {
        for marker in ["Fatal error", "Precondition failed", "Assertion failed"] {
            if let range = line.range(of: marker) { return String(line[range.lowerBound...]) }
        }
        return nil
    }

    /// `Spec/x.md:12` from a backtrace frame such as `f() + 32 in VMALockRFC at Spec/x.md:12:13`.
    static func markdownLocation(_ line: String) -> String? {
        guard let at = line.range(of: " at ", options: .backwards) else { return nil }
        let place = line[at.upperBound...].split(separator: ":")
        guard place.count >= 2, place[0].hasSuffix(".md"), let number = Int(place[1]) else { return nil }
        var path = String(place[0])
        for folder in ["Spec/", "Patches/"] {
            if let range = path.range(of: "/" + folder) { path = String(path[path.index(after: range.lowerBound)...]) }
        }
        return "\(path):\(number)"
    }
}
