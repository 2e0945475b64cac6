import Foundation
import Literate
import Mutation

/// The mutation reports `vmaspec mutate` kept, for `check` and the book: one per variant that a
/// reader can switch to, marked current when its schema is still the code's.
enum MutationResults {
    /// The variants mutation testing covers: the base and each review point built with the
    /// per-VMA lock (the others have no lock to take away).
    static func variants(_ project: Project) -> [VariantEntry] {
        variantRegistry.filter { $0.perVMALock && !project.isMustFail($0.name) }
    }

    static func tables(_ project: Project, scratch: URL) -> [MutationTable] {
        variants(project).compactMap { entry in
            guard let report = MutationReport.stored(variant: entry.name, scratch: scratch) else { return nil }
            return MutationTable(variant: entry.name, summary: report.scoreLine, current: isCurrent(report, entry, project, scratch),
                                 rows: report.results.map(row))
        }
    }

    static func isCurrent(_ report: MutationReport, _ entry: VariantEntry, _ project: Project, _ scratch: URL) -> Bool {
        guard let schema = try? MutantSchema(variant: try Variant(project: project, name: entry.name)) else { return false }
        let build = MutantBuild(schema: schema, defines: entry.perVMALock ? ["PER_VMA_LOCK"] : [], scratch: scratch)
        return (try? build.fingerprint()) == report.schemaFingerprint
    }

    static func row(_ result: MutantResult) -> MutationTable.Row {
        let mutant = result.mutant
        return MutationTable.Row(location: mutant.location, op: mutant.op.rawValue, name: mutant.name, code: mutant.code,
                                 result: MutationReport.describe(result), equivalent: mutant.equivalent, problem: result.isProblem)
    }

    /// One line per variant for `check` with its score, and one line naming those without one.
    static func summary(_ project: Project, scratch: URL) -> String {
        let tables = tables(project, scratch: scratch)
        var lines: [String] = [], notRun: [String] = []
        for entry in variants(project) {
            guard let table = tables.first(where: { $0.variant == entry.name }) else {
                notRun.append(entry.name)
                continue
            }
            lines.append("mutation: " + table.summary + (table.current ? "" : " — for earlier code (vmaspec mutate --variant \(entry.name))"))
        }
        if !notRun.isEmpty {
            lines.append("mutation: not run for \(notRun.joined(separator: ", ")) (vmaspec mutate --variant V)")
        }
        // Within 120 columns, as the rest of `check`'s report.
        return lines.map { String(ReviewTable.wrapped($0, width: 120, indent: "").dropLast()) }.joined(separator: "\n")
    }
}
