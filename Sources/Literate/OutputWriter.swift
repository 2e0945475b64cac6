import Foundation

/// Writes generated files only when their bytes change, so the build recompiles only what changed.
public enum OutputWriter {
    /// Writes `contents` to `url` unless the file already holds exactly these bytes.
    /// Returns true when it wrote.
    @discardableResult
    public static func write(_ contents: String, to url: URL) throws -> Bool {
        let data = Data(contents.utf8)
        if let existing = FileManager.default.contents(atPath: url.path), existing == data { return false }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
        return true
    }

    /// Writes every file of `files` (path → contents) under `directory`, all or nothing: every
    /// text is produced before the first write, so an error leaves the folder as it was.
    /// Returns the paths that changed.
    public static func writeAll(_ files: [(path: String, contents: String)], under directory: URL) throws -> [String] {
        try files.compactMap { file in
            try write(file.contents, to: directory.appendingPathComponent(file.path)) ? file.path : nil
        }
    }
}
