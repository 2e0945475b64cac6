import Foundation
import Literate

/// `tangle MODE --root DIR --variant NAME [--config NAME=SOURCE]... [options]` as the plugin calls it.
///
/// Modes: `model --document P --out F --examples-out F`, `catalog --out F --documents P...`,
/// `tests --module M --document P --out F`, `behaviour --module M --file P --out F`,
/// `suite --module M --out F`, and `all --out DIR` (every file of the variant, as `vmaspec tangle`
/// writes them, from a process that loads only the engine).
struct TangleCommand {
    var mode: String
    var options: [String: [String]] = [:]

    init(_ arguments: [String]) throws {
        guard let mode = arguments.first else { throw Self.usage("missing mode") }
        self.mode = mode
        var key: String?
        for argument in arguments.dropFirst() {
            if argument.hasPrefix("--") {
                key = String(argument.dropFirst(2))
                options[key!, default: []] += []
            } else if let key {
                options[key, default: []].append(argument)
            } else {
                throw Self.usage("unexpected argument '\(argument)'")
            }
        }
    }

    func one(_ key: String) throws -> String {
        guard let value = options[key]?.first else { throw usage("missing --\(key)") }
        return value
    }

    func usage(_ message: String) -> LiterateError { Self.usage(message) }

    static func usage(_ message: String) -> LiterateError {
        LiterateError(file: "tangle", line: 0, "\(message) (see Sources/tangle/TangleCommand.swift)")
    }

    func run() throws {
        let root = URL(fileURLWithPath: try one("root"))
        var configurations: [String: String] = [:]
        for pair in options["config"] ?? [] {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { configurations[parts[0]] = parts[1] }
        }
        let files: [(URL, String)]
        if let registry = try registryOutput() {
            files = [registry]
        } else {
            let project = try Project.load(root: root, configurations: configurations)
            files = try outputs(project: project, variant: try Variant(project: project, name: try one("variant")), root: root)
        }
        for (url, contents) in files { try OutputWriter.write(contents, to: url) }
    }

    /// The lists of variant modules, which need the targets but not the spec.
    func registryOutput() throws -> (URL, String)? {
        guard mode == "registry" || mode == "test-catalogs" else { return nil }
        let modules = (options["modules"] ?? []).map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
            .filter { $0.count == 2 }.map { (name: $0[0], module: $0[1]) }
        let source = mode == "registry" ? RegistryTangler.source(modules: modules) : RegistryTangler.testCatalogSource(modules: modules)
        return (URL(fileURLWithPath: try one("out")), source)
    }

    /// Every text is made before anything is written.
    func outputs(project: Project, variant: Variant, root: URL) throws -> [(URL, String)] {
        let out = URL(fileURLWithPath: try one("out"))
        switch mode {
        case "model":
            let document = try self.document(project)
            let tangler = Tangler(variant: variant)
            return [(out, tangler.modelSource(document)),
                    (URL(fileURLWithPath: try one("examples-out")), tangler.examplesSource(document))]
        case "catalog":
            return [(out, Tangler(variant: variant).catalogSource(documents: options["documents"] ?? []))]
        case "tests":
            return [(out, TestTangler(variant: variant, module: try one("module")).testsSource(try document(project)))]
        case "behaviour":
            let path = try one("file")
            let text = try SourceReader.utf8(try SourceReader.bytes(root: root, path: path), path: path)
            return [(out, TestTangler(variant: variant, module: try one("module")).behaviourSource(path: path, text: text))]
        case "suite":
            return [(out, TestTangler(variant: variant, module: try one("module")).suiteSource())]
        case "all":
            return Tangler(variant: variant).allFiles().map { (out.appendingPathComponent($0.path), $0.contents) }
        default:
            throw usage("unknown mode '\(mode)'")
        }
    }

    func document(_ project: Project) throws -> Document {
        let path = try one("document")
        guard let document = (project.chapters + project.reviews.map(\.document)).first(where: { $0.path == path }) else {
            throw usage("no document '\(path)'")
        }
        return document
    }
}
