import Foundation
import Literate
import Mutation

/// The cost of mutation testing: a whole `vmaspec mutate` run per variant against the plain run of
/// the same variant's scenarios in the same executable (the baseline every mutant is compared
/// with, measured in the same run). Goal (issue 10): every mutant of `rfc` in under 5 minutes on
/// 2 cores.
enum MutationBench {
    struct Row: Encodable {
        var variant: String
        var mutants: Int
        var buildSeconds: Double
        var baselineSeconds: Double
        var totalSeconds: Double
        /// Seconds of mutant runs per mutant, over the baseline's seconds.
        var costPerMutantOverBaseline: Double
    }

    static func run(_ entries: [VariantEntry], project: Project, scratch: URL, jobs: Int) throws -> [Row] {
        try entries.filter(\.perVMALock).map { entry in
            let schema = try reportingBadInput { try MutantSchema(variant: try Variant(project: project, name: entry.name)) }
            let report = try MutationRun(schema: schema, defines: ["PER_VMA_LOCK"], scratch: scratch, jobs: jobs, timeout: 300).run()
            let mutantSeconds = report.totalSeconds - report.buildSeconds - report.baselineSeconds
            let perMutant = mutantSeconds / Double(max(report.results.count, 1))
            return Row(variant: entry.name, mutants: report.results.count, buildSeconds: report.buildSeconds,
                       baselineSeconds: report.baselineSeconds, totalSeconds: report.totalSeconds,
                       costPerMutantOverBaseline: perMutant / max(report.baselineSeconds, 1e-9))
        }
    }

    static func report(_ rows: [Row]) -> String {
        var out = "mutation testing, every mutant, in the schema executable (-O)\n"
        out += "variant          mutants   build s   baseline s   total s   per mutant / baseline\n"
        for row in rows {
            out += row.variant.padding(toLength: 17, withPad: " ", startingAt: 0)
                + String(format: "%7d   %7.1f   %10.2f   %7.1f   %21.2f\n", row.mutants, row.buildSeconds, row.baselineSeconds,
                         row.totalSeconds, row.costPerMutantOverBaseline)
        }
        return out
    }
}
