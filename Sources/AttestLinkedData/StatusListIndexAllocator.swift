/// Hands out status list indexes at random and never twice, so a credential's position in the list says
/// nothing about when it was issued and no revoked bit ever applies to a later credential.
/// The caller persists `used` and injects the random generator (tests pass a seeded one).
public struct StatusListIndexAllocator: Sendable {
    /// Every index of the list is taken.
    public struct Exhausted: Error, Equatable, CustomStringConvertible {
        public let size: Int
        public var description: String { "all \(size) entries of the status list are assigned; start a new list" }
    }

    public let size: Int
    public private(set) var used: Set<Int>

    public init(size: Int = BitstringStatusList.minimumBits, used: Set<Int> = []) {
        self.size = size
        self.used = used
    }

    /// A fresh random index not handed out before.
    public mutating func allocate(using generator: inout some RandomNumberGenerator) throws -> Int {
        guard used.count < size else { throw Exhausted(size: size) }
        if used.count < size / 2 {
            while true {
                let candidate = Int.random(in: 0..<size, using: &generator)
                if used.insert(candidate).inserted { return candidate }
            }
        }
        let free = (0..<size).filter { !used.contains($0) }
        let chosen = free.randomElement(using: &generator)!
        used.insert(chosen)
        return chosen
    }
}
