import Foundation
import Testing

/// Issue 14: the plugin's `tangle` tool (linked statically so it starts fast) tangles a whole
/// variant in one process with `all`, byte for byte as `vmaspec tangle` does.
@Suite struct TangleToolCLITests {
    static let tangle = Harness.buildDirectory.appendingPathComponent("tangle")

    static let chapters = [
        "Spec/01-a.md": "# A\n\nWhy a exists.\n\n```swift chunk=a\nfunc a() -> Int { 1 }\n```\n",
        "Spec/02-b.md": "# B\n\n```swift chunk=b\nfunc b() -> Int { a() + 1 }\n```\n\n```swift example\nprint(b())\n```\n\n```output\n2\n```\n",
    ]

    func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            result[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return result
    }

    @Test func allWritesWhatVmaspecTangleWrites() throws {
        let root = try Harness.folder(Self.chapters)
        defer { try? FileManager.default.removeItem(at: root) }
        let lean = root.appendingPathComponent("lean"), full = root.appendingPathComponent("full")
        let tool = try Harness.run(Self.tangle, ["all", "--root", root.path, "--variant", "rfc", "--out", lean.path])
        #expect(tool.status == 0, "\(tool.stderr)")
        let cli = try Harness.vmaspec(["tangle", "--root", root.path, "--variant", "rfc", "--out", full.path])
        #expect(cli.status == 0, "\(cli.stderr)")
        let written = try files(lean)
        #expect(written.count == 5, "two chapters' model and examples files and the catalog: \(written.keys.sorted())")
        #expect(written == (try files(full)))
        #expect(!written.keys.contains { $0.contains(".tmp-") })
    }

    @Test func aBrokenSpecFailsTheToolAtItsLineAndWritesNothing() throws {
        let root = try Harness.folder(["Spec/01-a.md": "# A\n\n```swift chunk=a\nfunc a() {}\n```\n\n```swift chunk=a\nfunc b() {}\n```\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let tool = try Harness.run(Self.tangle, ["all", "--root", root.path, "--variant", "rfc", "--out", out.path])
        #expect(tool.status == 2)
        #expect(tool.stderr.hasPrefix("Spec/01-a.md:7: error: "), "\(tool.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func theToolLinksNoSwiftRuntimeDynamically() throws {
        let ldd = try Harness.run(URL(fileURLWithPath: "/usr/bin/env"), ["ldd", Self.tangle.path])
        #expect(ldd.status == 0, "\(ldd.stderr)")
        #expect(!ldd.stdout.contains("libswiftCore"), "\(ldd.stdout)")
        #expect(!ldd.stdout.contains("libFoundation"), "\(ldd.stdout)")
    }
}
