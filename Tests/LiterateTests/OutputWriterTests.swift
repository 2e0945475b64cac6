import Foundation
import Testing
@testable import Literate

/// Issue 14: generated files are created in place when new, replaced by a rename when changed,
/// never synced, and left alone when their bytes are the same.
@Suite struct OutputWriterTests {
    func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("output-writer-\(UUID().uuidString)")
    }

    func names(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func aNewFileIsWrittenAndNoTemporaryFileStays() throws {
        let root = folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("deep/Model.swift")
        #expect(try OutputWriter.write("let a = 1\n", to: url))
        #expect(try String(contentsOf: url, encoding: .utf8) == "let a = 1\n")
        #expect(names(url.deletingLastPathComponent()) == ["Model.swift"])
    }

    @Test func sameBytesAreNotRewritten() throws {
        let root = folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("Model.swift")
        try OutputWriter.write("let a = 1\n", to: url)
        let inode = try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int
        #expect(try !OutputWriter.write("let a = 1\n", to: url))
        #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int == inode)
    }

    @Test func changedBytesReplaceTheFileWhole() throws {
        let root = folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("Model.swift")
        try OutputWriter.write(String(repeating: "long line\n", count: 1000), to: url)
        #expect(try OutputWriter.write("short\n", to: url))
        #expect(try String(contentsOf: url, encoding: .utf8) == "short\n")
        #expect(names(root) == ["Model.swift"])
    }

    /// A reader that opened the old file keeps reading the old text whole: the new one is renamed
    /// over it, not written into it.
    @Test func aReaderOfTheOldFileNeverSeesHalfOfTheNew() throws {
        let root = folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("Model.swift")
        let old = String(repeating: "old line\n", count: 1000)
        try OutputWriter.write(old, to: url)
        let reader = try FileHandle(forReadingFrom: url)
        defer { try? reader.close() }
        #expect(try OutputWriter.write("new\n", to: url))
        #expect(String(decoding: try reader.readToEnd() ?? Data(), as: UTF8.self) == old)
        #expect(try String(contentsOf: url, encoding: .utf8) == "new\n")
    }

    @Test func aFolderThatCannotHoldTheFileIsOneErrorNamingIt() throws {
        let root = folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("Model.swift")
        // A folder where the file should go: the rename fails, and the temporary file is removed.
        try FileManager.default.createDirectory(at: url.appendingPathComponent("inside"), withIntermediateDirectories: true)
        let error = try #require(throws: LiterateError.self) { try OutputWriter.write("x\n", to: url) }
        #expect(error.position.file == url.path)
        #expect(error.message.hasPrefix("cannot rename"))
        #expect(names(root) == ["Model.swift"])
    }
}
