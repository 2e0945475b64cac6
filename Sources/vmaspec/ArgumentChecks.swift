import Foundation
import Literate
import Sched

/// Checks of command-line values that would otherwise make a check run nothing, or fail late:
/// each refusal is one `<command line>:1: error:` line and exit status 2, before anything runs.
enum ArgumentChecks {
    /// A whole-number option, when given, must be at least `minimum` (the wording of the
    /// Markdown attributes: `'steps' must be a whole number ≥ 1, not '0'`).
    static func wholeNumber(_ value: Int?, _ option: String, minimum: Int) throws {
        guard let value, value < minimum else { return }
        throw badArgument("'\(option)' must be a whole number ≥ \(minimum), not '\(value)'")
    }

    /// A memory model, when given, must be one `MemoryModel` names.
    static func memoryModel(_ value: String?) throws {
        guard let value, MemoryModel(rawValue: value) == nil else { return }
        throw badArgument("'--memory' must be one of \(MemoryModel.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'")
    }

    /// A number of seconds must be above zero.
    static func positive(_ value: Double, _ option: String) throws {
        guard !(value > 0 && value.isFinite) else { return }
        let text = value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        throw badArgument("'\(option)' must be a number of seconds above 0, not '\(text)'")
    }

    /// A folder the command will write into: a folder already, or creatable. Checked before the
    /// first write, so a bad path fails with one message rather than a half-written folder.
    static func outputFolder(_ path: String, _ option: String) throws -> URL {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw badArgument("'\(option) \(path)' is a file, not a folder") }
            guard FileManager.default.isWritableFile(atPath: url.path) else { throw badArgument("'\(option) \(path)' is not writable") }
            return url
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw badArgument("cannot create '\(option) \(path)': \(Self.reason(error))")
        }
        return url
    }

    /// A file the command will write: not a folder, in a folder that exists.
    static func outputFile(_ path: String, _ option: String) throws -> URL {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw badArgument("'\(option) \(path)' is a folder, not a file")
        }
        let parent = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw badArgument("'\(option) \(path)': the folder \(parent.path) does not exist")
        }
        return url
    }

    /// The package root: a folder holding Spec/.
    static func packageRoot(_ url: URL, needsSpec: Bool) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw badArgument("'--root \(url.path)' is not a folder")
        }
        let spec = url.appendingPathComponent("Spec")
        if needsSpec, !(FileManager.default.fileExists(atPath: spec.path, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw badArgument("'--root \(url.path)' holds no Spec/ folder (the package root holds Spec/ and Patches/)")
        }
    }

    /// A system error's own words, without Foundation's domain and code.
    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
