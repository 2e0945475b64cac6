import Foundation

/// A line chart as inline SVG, drawn at weave time: categories along x, one line per series, an
/// optional shaded band (a tolerance around a reference series). No script, no network.
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        /// One value per category; nil leaves a gap.
        public var values: [Double?]
        /// Drawn thicker and in black: the reference (the kernel).
        public var emphasized: Bool

        public init(name: String, values: [Double?], emphasized: Bool = false) {
            self.name = name
            self.values = values
            self.emphasized = emphasized
        }
    }

    /// A shaded area between two value lines, named in the legend.
    public struct Band: Sendable {
        public var label: String
        public var lower: [Double?]
        public var upper: [Double?]

        public init(label: String, lower: [Double?], upper: [Double?]) {
            self.label = label
            self.lower = lower
            self.upper = upper
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var categories: [String]
    public var series: [Series]
    public var band: Band?

    public init(title: String, xLabel: String, yLabel: String, categories: [String], series: [Series], band: Band? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.categories = categories
        self.series = series
        self.band = band
    }

    static let width = 680.0, height = 340.0
    static let left = 60.0, right = 170.0, top = 34.0, bottom = 52.0
    static let palette = ["#b5452f", "#1f5f99", "#2d8a4e", "#8a5a9e", "#b07d1a", "#4b8b8b", "#7a6a55"]

    /// The SVG element, with a `<title>` on every point giving its exact value.
    public func svg() -> String {
        let ticks = yTicks()
        var out = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.width) \(Self.height)\" role=\"img\" aria-label=\"\(Book.escape(title))\">\n"
        out += "<text x=\"\(Self.left)\" y=\"20\" class=\"chart-title\">\(Book.escape(title))</text>\n"
        out += axes(ticks)
        if let band { out += bandPolygon(band, top: ticks.last ?? 1) }
        var colour = Self.palette.makeIterator()
        for series in series {
            let stroke = series.emphasized ? "#111" : (colour.next() ?? "#777")
            out += line(series, stroke: stroke, top: ticks.last ?? 1)
        }
        out += legend()
        return out + "</svg>\n"
    }

    func x(_ index: Int) -> Double {
        let plot = Self.width - Self.left - Self.right
        return categories.count < 2 ? Self.left + plot / 2 : Self.left + plot * Double(index) / Double(categories.count - 1)
    }

    func y(_ value: Double, top: Double) -> Double {
        let plot = Self.height - Self.top - Self.bottom
        return Self.top + plot * (1 - min(max(value / top, 0), 1))
    }

    /// Ticks from 0 to the first round step at or above every value (at least 1).
    func yTicks() -> [Double] {
        let values = series.flatMap { $0.values.compactMap { $0 } } + (band?.upper.compactMap { $0 } ?? [])
        let highest = max(values.max() ?? 1, 1)
        let rough = highest / 5
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? rough
        let count = Int((highest / step).rounded(.up))
        return (0...count).map { Double($0) * step }
    }

    func axes(_ ticks: [Double]) -> String {
        let top = ticks.last ?? 1
        let bottomY = y(0, top: top), rightX = Self.width - Self.right
        var out = "<g class=\"axes\">\n"
        for tick in ticks {
            let ty = Self.number(y(tick, top: top))
            out += "<line x1=\"\(Self.left)\" y1=\"\(ty)\" x2=\"\(rightX)\" y2=\"\(ty)\" stroke=\"#e2ddd0\"/>"
            out += "<text x=\"\(Self.left - 6)\" y=\"\(ty)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(Self.label(tick))</text>\n"
        }
        for (index, category) in categories.enumerated() {
            out += "<text x=\"\(Self.number(x(index)))\" y=\"\(Self.number(bottomY + 16))\" text-anchor=\"middle\">\(Book.escape(category))</text>\n"
        }
        out += "<line x1=\"\(Self.left)\" y1=\"\(Self.number(bottomY))\" x2=\"\(rightX)\" y2=\"\(Self.number(bottomY))\" stroke=\"#555\"/>\n"
        out += "<text x=\"\(Self.number((Self.left + rightX) / 2))\" y=\"\(Self.height - 8)\" text-anchor=\"middle\">\(Book.escape(xLabel))</text>\n"
        out += "<text transform=\"translate(14 \(Self.number((Self.top + bottomY) / 2))) rotate(-90)\" text-anchor=\"middle\">\(Book.escape(yLabel))</text>\n"
        return out + "</g>\n"
    }

    func bandPolygon(_ band: Band, top: Double) -> String {
        let indices = categories.indices.filter { band.lower[safe: $0] != nil && band.upper[safe: $0] != nil }
        guard !indices.isEmpty else { return "" }
        let upper = indices.map { "\(Self.number(x($0))),\(Self.number(y(band.upper[$0]!, top: top)))" }
        let lower = indices.reversed().map { "\(Self.number(x($0))),\(Self.number(y(band.lower[$0]!, top: top)))" }
        return "<polygon class=\"band\" points=\"\((upper + lower).joined(separator: " "))\" fill=\"#111\" fill-opacity=\"0.08\"><title>\(Book.escape(band.label))</title></polygon>\n"
    }

    func line(_ series: Series, stroke: String, top: Double) -> String {
        let width = series.emphasized ? 3 : 1.8
        var out = "<g class=\"series\" data-series=\"\(Book.escape(series.name))\">\n"
        // A gap in the values starts a new segment.
        var segment: [String] = []
        func flush() {
            if segment.count > 1 {
                out += "<polyline fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(width)\" points=\"\(segment.joined(separator: " "))\"/>\n"
            }
            segment = []
        }
        for index in categories.indices {
            guard let value = series.values[safe: index] ?? nil else { flush(); continue }
            segment.append("\(Self.number(x(index))),\(Self.number(y(value, top: top)))")
        }
        flush()
        for index in categories.indices {
            guard let value = series.values[safe: index] ?? nil else { continue }
            out += "<circle cx=\"\(Self.number(x(index)))\" cy=\"\(Self.number(y(value, top: top)))\" r=\"3.5\" fill=\"\(stroke)\">"
            out += "<title>\(Book.escape(series.name)) at \(Book.escape(categories[index])): \(Self.label(value))</title></circle>\n"
        }
        return out + "</g>\n"
    }

    func legend() -> String {
        var out = "<g class=\"legend\">\n"
        var colour = Self.palette.makeIterator()
        let x0 = Self.width - Self.right + 18
        for (row, series) in series.enumerated() {
            let stroke = series.emphasized ? "#111" : (colour.next() ?? "#777")
            let rowY = Self.number(Self.top + 10 + Double(row) * 20)
            out += "<line x1=\"\(Self.number(x0))\" y1=\"\(rowY)\" x2=\"\(Self.number(x0 + 22))\" y2=\"\(rowY)\" stroke=\"\(stroke)\" stroke-width=\"\(series.emphasized ? 3 : 1.8)\"/>"
            out += "<text x=\"\(Self.number(x0 + 28))\" y=\"\(rowY)\" dominant-baseline=\"middle\">\(Book.escape(series.name))</text>\n"
        }
        if let band {
            let rowY = Self.top + 10 + Double(series.count) * 20
            out += "<rect x=\"\(Self.number(x0))\" y=\"\(Self.number(rowY - 6))\" width=\"22\" height=\"12\" fill=\"#111\" fill-opacity=\"0.08\"/>"
            out += "<text x=\"\(Self.number(x0 + 28))\" y=\"\(Self.number(rowY))\" dominant-baseline=\"middle\">\(Book.escape(band.label))</text>\n"
        }
        return out + "</g>\n"
    }

    /// A coordinate with one decimal: short SVG, and the same text on every machine.
    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A value for a tick or a tooltip: two decimals below 10, else a whole number.
    static func label(_ value: Double) -> String { value < 10 ? String(format: "%.2f", value) : String(format: "%.0f", value) }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
