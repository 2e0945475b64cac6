import Foundation
import Literate
import Testing

/// Issue 9, "done when": the engine's blocks, and `vmaspec blocks --json`, agree with
/// libcmark-gfm on generated documents and on a fixed corpus: same blocks, same lines, same info
/// strings, same code, and every rejection at the right line.
@Suite struct DifferentialTests {
    /// What the engine must do with a document, according to libcmark-gfm alone.
    enum Expected {
        case blocks([CMarkOracle.Fence])
        /// Refused at `line` with a message starting `message`.
        case rejected(line: Int, message: String)
    }

    static func expected(_ text: String) -> Expected {
        let fences = CMarkOracle.fences(text)
        for fence in fences {
            if !fence.closed { return .rejected(line: fence.line, message: "unterminated code fence") }
            let words = words(fence.info)
            let language = words.first ?? ""
            if language.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
                return .rejected(line: fence.line, message: "the language '\(language)' holds U+")
            }
            // DESIGN.md section 3: only swift, output and review blocks take attributes or flags.
            if !["swift", "output", "review"].contains(language), words.count > 1 {
                return .rejected(line: fence.line, message: "unknown ")
            }
        }
        return .blocks(fences)
    }

    /// An info string's words as cmark-gfm and GitHub split them: on ASCII spaces and tabs.
    static func words(_ info: String) -> [String] {
        info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// The engine's reading of `text`, compared with the oracle's; nil when they agree.
    static func disagreement(_ text: String, path: String = "Spec/g.md") -> String? {
        let document: Document
        do {
            document = try Document(path: path, text: text)
        } catch let error as LiterateError {
            guard case .rejected(let line, let message) = expected(text) else { return "refused: \(error)" }
            return error.position.line == line && error.message.hasPrefix(message) ? nil : "refused as \(error), expected line \(line): \(message)"
        } catch {
            return "threw \(error)"
        }
        guard case .blocks(let fences) = expected(text) else { return "accepted, expected \(expected(text))" }
        guard document.blocks.count == fences.count else { return "\(document.blocks.count) blocks, cmark has \(fences.count)" }
        for (block, fence) in zip(document.blocks, fences) {
            // The engine keeps attributes apart from flags, so only the language keeps its place.
            let engineWords = block.info.attributes.map { "\($0.key)=\($0.value)" } + block.info.flags
            let cmarkWords = words(fence.info)
            guard block.line == fence.line, block.code == fence.code, block.info.text == fence.info,
                  block.language == cmarkWords.first ?? "", engineWords.sorted() == cmarkWords.dropFirst().sorted() else {
                return "block at \(block.line) (\(block.info.text) \(engineWords)) differs from cmark's at \(fence.line) (\(fence.info))"
            }
        }
        return nil
    }

    static func generated(_ seed: UInt64) -> String {
        var generator = DocumentGenerator(seed: seed)
        let text = generator.document()
        return generator.withLineEndings(text)
    }

    @Test func generatedDocumentsAgreeWithCMark() {
        var rejected = 0
        for seed in UInt64(0)..<3000 {
            let text = Self.generated(seed)
            if case .rejected = Self.expected(text) { rejected += 1 }
            if let problem = Self.disagreement(text) {
                Issue.record("seed \(seed): \(problem)\n\(text.debugDescription)")
                return
            }
        }
        // The generator must exercise both sides: documents the engine takes and ones it refuses.
        #expect(rejected > 300 && rejected < 2700, "\(rejected) of 3000 refused")
    }

    @Test func theCorpusAgreesWithCMark() {
        for text in Corpus.withEveryLineEnding {
            if let problem = Self.disagreement(text) { Issue.record("\(text.debugDescription): \(problem)") }
        }
    }

    @Test func theProjectsOwnDocumentsAgreeWithCMark() throws {
        for folder in ["Spec", "Patches"] {
            let base = Harness.packageRoot.appendingPathComponent(folder)
            let walker = try #require(FileManager.default.enumerator(atPath: base.path))
            while let path = walker.nextObject() as? String {
                guard path.hasSuffix(".md") else { continue }
                let text = Harness.read(base.appendingPathComponent(path))
                let problem = Self.disagreement(text, path: "\(folder)/\(path)")
                #expect(problem == nil, "\(folder)/\(path): \(problem ?? "")")
            }
        }
    }

    /// `vmaspec blocks --json` over the corpus and a sample of generated documents.
    @Test func blocksJSONAgreesWithCMark() throws {
        let texts = Corpus.withEveryLineEnding + (UInt64(5000)..<5150).map(Self.generated)
        var files: [String: String] = [:]
        for (index, text) in texts.enumerated() { files["Spec/d\(index).md"] = text }
        let root = try Harness.folder(files)
        defer { try? FileManager.default.removeItem(at: root) }
        var accepted: [(path: String, fences: [CMarkOracle.Fence])] = []
        for (index, text) in texts.enumerated() {
            let path = "Spec/d\(index).md"
            switch Self.expected(text) {
            case .blocks(let fences):
                accepted.append((path, fences))
            case .rejected(let line, let message):
                let outcome = try Harness.vmaspec(["blocks", "--json", "--root", root.path, path])
                #expect(outcome.status == 2, "\(path) \(text.debugDescription)")
                #expect(outcome.stderr.hasPrefix("\(path):\(line): error: \(message)"), "\(text.debugDescription): \(outcome.stderr)")
                #expect(outcome.stdout.isEmpty)
            }
        }
        let outcome = try Harness.vmaspec(["blocks", "--json", "--root", root.path] + accepted.map(\.path))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
        let expected = accepted.flatMap { file in file.fences.map { (file.path, $0) } }
        #expect(entries.count == expected.count)
        for (entry, (path, fence)) in zip(entries, expected) {
            #expect(entry["file"] as? String == path)
            #expect(entry["line"] as? Int == fence.line, "\(path)")
            #expect(entry["info"] as? String == fence.info, "\(path)")
            #expect(entry["code"] as? String == fence.code, "\(path)")
            #expect(entry["language"] as? String == Self.words(fence.info).first ?? "", "\(path)")
        }
    }
}
