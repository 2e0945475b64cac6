import Foundation
import Testing
@testable import Literate

/// Issue 14: generated files are written then renamed into place, without a sync, and only when
/// their bytes change.
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
