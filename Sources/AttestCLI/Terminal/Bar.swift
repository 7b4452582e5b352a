/// Horizontal bars and sparklines for scores on 0…1, drawn with block characters.
enum Bar {
    /// A bar of `width` cells filled to `fraction`, with `threshold` marked by `│` when given; green at or
    /// above the threshold and yellow below it, unless `style` says what the bar means; nothing in accessible mode.
    static func render(_ fraction: Double, width: Int, threshold: Double? = nil, style: Style? = nil, console: Console) -> String {
        guard !console.accessible else { return "" }
        let clamped = min(1, max(0, fraction.isFinite ? fraction : 0))
        let eighths = Int((clamped * Double(width) * 8).rounded())
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var cells = Array(repeating: "█", count: eighths / 8)
        if cells.count < width, eighths % 8 > 0 { cells.append(partials[eighths % 8]) }
        while cells.count < width { cells.append(" ") }
        if let threshold {
            let index = min(width - 1, max(0, Int((threshold * Double(width)).rounded()) - 1))
            if cells[index] == " " { cells[index] = "│" }
        }
        let filled = cells.joined()
        return console.styled("▕", .dim) + console.styled(filled, style ?? (clamped >= (threshold ?? 0) ? .green : .yellow))
            + console.styled("▏", .dim)
    }

    /// One block per value (nil values show as `·`), lowest `▁`, highest `█`.
    static func sparkline(_ values: [Double?]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        return String(values.map { value -> Character in
            guard let value, value.isFinite else { return "·" }
            return blocks[min(7, max(0, Int((value * 7).rounded())))]
        })
    }
}
