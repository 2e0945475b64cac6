import Foundation
import Glibc

/// Writes generated files only when their bytes change, so the build recompiles only what changed.
///
/// A file that exists is replaced by writing a temporary name beside it and renaming that into
/// place: a reader (the compiler, a concurrent build) sees the old text or the new, never half of
/// one. A file that does not exist yet has no reader, so it is created in place, which saves a
/// rename and the folder check per file (a third of a clean tangle's system time, issue 14); a
/// crash that leaves it half-written only makes the next run see other bytes and replace it.
/// There is no fsync: these files are regenerated from the Markdown, and a sync per file cost
/// 12–35% of a whole tangle process. `Data.write(options: .atomic)` syncs.
public enum OutputWriter {
    /// Writes `contents` to `url` unless the file already holds exactly these bytes.
    /// Returns true when it wrote.
    @discardableResult
    public static func write(_ contents: String, to url: URL) throws -> Bool {
        let data = Data(contents.utf8)
        if let existing = FileManager.default.contents(atPath: url.path) {
            if existing == data { return false }
            try replace(url.path, with: data)
        } else if try !create(url.path, with: data) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if try !create(url.path, with: data) { try replace(url.path, with: data) }
        }
        return true
    }

    /// Creates a file that does not exist yet, in place. False when it cannot be created there as
    /// a new file (its folder is missing, or something already has the name): the caller then
    /// makes the folder, or replaces what is there.
    static func create(_ path: String, with data: Data) throws -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == ENOENT || errno == EEXIST { return false }
            throw failure("cannot create \(path)", path)
        }
        let written = data.withUnsafeBytes { bytes in writeFully(descriptor, bytes) }
        guard close(descriptor) == 0, written else {
            let error = failure("cannot write \(path)", path)
            unlink(path)
            throw error
        }
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
