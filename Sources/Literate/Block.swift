/// One fenced code block of a Markdown source, with what its info string says.
public struct Block: Equatable, Sendable {
    public var file: String
    /// 1-based line of the opening fence.
    public var line: Int
    public var info: InfoString
    /// The block's literal text (cmark-gfm's, de-indented when the block sits in a list or quote).
    public var code: String
    public var role: Role

    public var language: String { info.language }
    public var position: SourcePosition { SourcePosition(file: file, line: line) }
    /// The first line of code, where `#sourceLocation` points.
    public var firstCodeLine: Int { line + 1 }

    /// What a block is for, from its language and attributes (DESIGN.md section 3).
    public enum Role: Equatable, Sendable {
        /// Model code, tangled in document order; `chunk` names it so variants can replace it.
        case model(chunk: String?)
        /// A review document's text for chunk `chunk`; `base` is the fingerprint of the text it replaced.
        case replacement(chunk: String, base: String?)
        case example(name: String?)
        case output(file: String?)
        case test(variants: [String]?)
        case scenario(Scenario)
        case ignore
        /// The YAML header of a review document.
        case review
        /// Any other language: shown, never compiled.
        case prose
    }

    /// An explorer scenario's settings, as its info string gives them.
    public struct Scenario: Equatable, Sendable {
        public var name: String
        public var expectFailure: Bool
        public var bound: Int?
        public var variants: [String]?
        /// The step limit of one schedule (`steps=`).
        public var steps: Int?
        /// PCT sampling instead of bounded search: `pct=ITERATIONS seed=S` (`depth=D`, default 3).
        public var pct: (iterations: Int, depth: Int, seed: UInt64)?
        /// Width of the model's sequence counters, handed to the body as `counterBits`.
        public var counterBits: Int?
        /// `fails=a,b`: variants where a scenario that otherwise passes must fail, because the bug
        /// it looks for is real there (the prose beside it says which and why).
        public var failsOn: [String]? = nil
        /// `failure=KIND`: the kind of failure expected (`useAfterFree`, `invariant`...); any other
        /// failure does not meet the expectation.
        public var failure: String? = nil
        /// `fixed-by=V`: the variant of the series' history line that fixes the bug the scenario
        /// finds (`none`: no variant does); on that line it fails before V and passes from V on.
        public var fixedBy: String? = nil
        /// `since=V`: with `fixed-by`, the first variant of the history line with the bug (default:
        /// the base, `rfc`).
        public var since: String? = nil
        /// `memory=sc|hb|weak`: the memory model the explorer checks the scenario under (Sched's
        /// `MemoryModel`; default `sc`).
        public var memory: String? = nil

        /// `fixed-by=none`: the bug is in every variant of the history line.
        public static let neverFixed = "none"

        public static func == (a: Scenario, b: Scenario) -> Bool {
            (a.name, a.expectFailure, a.bound, a.variants, a.steps, a.counterBits) == (b.name, b.expectFailure, b.bound, b.variants, b.steps, b.counterBits)
                && a.pct?.iterations == b.pct?.iterations && a.pct?.depth == b.pct?.depth && a.pct?.seed == b.pct?.seed
                && a.failsOn == b.failsOn && a.failure == b.failure && a.fixedBy == b.fixedBy && a.since == b.since
                && a.memory == b.memory
        }
    }

    /// The failure kinds `failure=` accepts: Sched's `Failure.Kind` names a scenario can meet.
    public static let scenarioFailureKinds = ["assertion", "invariant", "deadlock", "stepBound", "useAfterFree", "dataRace", "uncaughtError"]

    /// The memory models `memory=` accepts: Sched's `MemoryModel` names.
    public static let memoryModels = ["sc", "hb", "weak"]

    public var chunkName: String? {
        switch role {
        case .model(let chunk): chunk
        case .replacement(let chunk, _): chunk
        default: nil
        }
    }

    /// The mutants of this model block that `equivalent=` declares equivalent: `OPERATOR.N`, the
    /// N-th site of that operator in the block (mutation testing; the prose beside the block says why).
    public var equivalentMutants: [String] {
        info["equivalent"].map { $0.split(separator: ",").map(String.init) } ?? []
    }

    /// The names of a `variants=` attribute (a leading `!` leaves a variant out).
    public var variantFilter: [String]? {
        info["variants"].map { $0.split(separator: ",").map(String.init) }
    }

    public var isModelCode: Bool {
        switch role {
        case .model, .replacement: true
        default: false
        }
    }
}
