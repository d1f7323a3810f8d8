/// Maps a theme's colours to what the terminal has: 256, 16 or 8 colours.
public enum ColorMapping {
    /// The xterm values of the 16 standard colours.
    static let standard: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeSteps = [0, 95, 135, 175, 215, 255]

    /// The terminal colour index for `color` given how many colours it has; -1 is its default.
    public static func index(_ color: ThemeColor, colors: Int) -> Int {
        switch color {
        case .terminalDefault:
            return -1
        case .named(let i):
            return colors >= 16 ? i : i % 8
        case .rgb(let r, let g, let b):
            let target = (Int(r), Int(g), Int(b))
            if colors >= 256 { return nearest256(target) }
            return nearest(target, among: Array(standard.prefix(colors >= 16 ? 16 : 8)))
        }
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }

    static func nearest(_ c: (Int, Int, Int), among palette: [(Int, Int, Int)]) -> Int {
        var best = 0
        var bestDistance = Int.max
        for (i, p) in palette.enumerated() where distance(c, p) < bestDistance {
            best = i
            bestDistance = distance(c, p)
        }
        return best
    }

    /// Nearest in the 6x6x6 cube (16...231) or the grey ramp (232...255).
    static func nearest256(_ c: (Int, Int, Int)) -> Int {
        func step(_ v: Int) -> Int { nearest((v, 0, 0), among: cubeSteps.map { ($0, 0, 0) }) }
        let (ri, gi, bi) = (step(c.0), step(c.1), step(c.2))
        let cube = (cubeSteps[ri], cubeSteps[gi], cubeSteps[bi])
        let cubeIndex = 16 + 36 * ri + 6 * gi + bi
        let grey = min(23, max(0, ((c.0 + c.1 + c.2) / 3 - 8 + 5) / 10))
        let greyValue = 8 + 10 * grey
        if distance(c, (greyValue, greyValue, greyValue)) < distance(c, cube) { return 232 + grey }
        return cubeIndex
    }
}
