import Foundation
import Literate

/// Tangling cost against cmark-gfm's bare parse of the same text, at 1×, 10× and 100× the size
/// of Spec/. Goal (issue 2): tangling costs at most 2× the bare parse and grows linearly.
enum TangleBench {
    struct Row {
        var scale: Int
        var bytes: Int
        var parseSeconds: Double
        var tangleSeconds: Double
        /// The parts of `tangleSeconds`: reading blocks (cmark-gfm included), whole-spec checks, writing Swift.
        var loadSeconds: Double
        var checkSeconds: Double
        var ratio: Double { tangleSeconds / parseSeconds }
        var tangleMicrosecondsPerKB: Double { tangleSeconds * 1e6 / (Double(bytes) / 1024) }
    }

    /// The chapters of `project`, copied `scale` times with chunk and scenario names made unique.
    static func synthetic(_ project: Project, scale: Int) throws -> [Document] {
        try (0..<scale).flatMap { copy in
            try project.chapters.map { chapter in
                // The synthetic spec has no history line for `since=`/`fixed-by=` to name (nor, without
                // them, a reason for a scenario that passes to pin a `failure=`).
                let text = chapter.text
                    .replacingOccurrences(of: "chunk=", with: "chunk=c\(copy)-")
                    .replacingOccurrences(of: "scenario name=", with: "scenario name=c\(copy)-")
                    .replacingOccurrences(of: #" (since|fixed-by|failure)=[^ \n]+"#, with: "", options: .regularExpression)
                return try Document(path: chapter.path.replacingOccurrences(of: ".md", with: "-\(copy).md"), text: text)
            }
        }
    }

    static func measure(_ project: Project, scale: Int, repeats: Int) throws -> Row {
        let documents = try synthetic(project, scale: scale)
        // The synthetic spec has no review documents; let `variants=` filters still name them.
        let configurations = project.configurations.merging(project.reviews.map { ($0.header.id, Project.baseVariant) }) { a, _ in a }
        let texts = documents.map(\.text)
        let parse = median(repeats) { for text in texts { CMarkBaseline.parse(text) } }
        let load = try median(repeats) {
            for (index, text) in texts.enumerated() { _ = try Document(path: documents[index].path, text: text) }
        }
        let check = try median(repeats) { _ = try Project(root: project.root, chapters: documents, reviews: [], configurations: configurations) }
        let tangle = try median(repeats) {
            let spec = try Project(root: project.root, chapters: try texts.enumerated().map {
                try Document(path: documents[$0.offset].path, text: $0.element)
            }, reviews: [], configurations: configurations)
            let tangler = Tangler(variant: try Variant(project: spec, name: Project.baseVariant))
            for document in spec.chapters {
                _ = tangler.modelSource(document)
                _ = tangler.examplesSource(document)
            }
            _ = tangler.catalogSource(documents: spec.chapters.map(\.path))
        }
        return Row(scale: scale, bytes: texts.reduce(0) { $0 + $1.utf8.count }, parseSeconds: parse, tangleSeconds: tangle,
                   loadSeconds: load, checkSeconds: check)
    }

    static func median(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
        var samples: [Double] = []
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return Rounds.median(samples)
    }

    static func report(_ rows: [Row]) -> String {
        var out = "tangle vs cmark-gfm parse (same text, same run; median)\n"
        out += "scale  bytes       parse ms   tangle ms  tangle/parse  tangle µs/KB   (load ms  check ms)\n"
        for row in rows {
            out += String(format: "%4d×  %-10d  %8.2f   %9.2f  %11.2f×  %12.1f   (%7.2f  %8.2f)\n", row.scale, row.bytes,
                          row.parseSeconds * 1000, row.tangleSeconds * 1000, row.ratio, row.tangleMicrosecondsPerKB,
                          row.loadSeconds * 1000, row.checkSeconds * 1000)
        }
        return out
    }
}
