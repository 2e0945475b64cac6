import Foundation
import Glibc

/// Writes generated files only when their bytes change, so the build recompiles only what changed.
///
/// A file is written to a temporary name beside it and renamed into place: a reader (the compiler,
/// a concurrent build) sees the old text or the new, never half of one. There is no fsync: these
/// files are regenerated from the Markdown on the next build if a crash loses them, and a sync per
/// file cost 12–35% of a whole tangle process (issue 14). `Data.write(options: .atomic)` syncs.
public enum OutputWriter {
    /// Writes `contents` to `url` unless the file already holds exactly these bytes.
    /// Returns true when it wrote.
    @discardableResult
    public static func write(_ contents: String, to url: URL) throws -> Bool {
        let data = Data(contents.utf8)
        if let existing = FileManager.default.contents(atPath: url.path), existing == data { return false }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try replace(url.path, with: data)
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

    /// Write-then-rename. The temporary name carries the process id, so two builds writing the
    /// same file do not share one; it is removed when anything fails.
    static func replace(_ path: String, with data: Data) throws {
        let temporary = "\(path).tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create the temporary file \(temporary)", path) }
        let written = data.withUnsafeBytes { bytes in writeFully(descriptor, bytes) }
        let closed = close(descriptor) == 0
        guard written, closed else {
            let error = failure("cannot write the temporary file \(temporary)", path)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure("cannot rename \(temporary) into place", path)
            unlink(temporary)
            throw error
        }
    }

    private static func writeFully(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }

    private static func failure(_ what: String, _ path: String) -> LiterateError {
        LiterateError(file: path, line: 0, "\(what): \(String(cString: strerror(errno)))")
    }
}
