import AttestStore
import Testing

@Suite("StoreLocation")
struct StoreLocationTests {
    @Test func followsXDGAndOverrides() {
        let plain = StoreLocation(environment: ["HOME": "/home/ada"])
        #expect(plain.storePath() == "/home/ada/.local/share/attest/attest.sqlite")
        #expect(plain.historyPath == "/home/ada/.local/state/attest/history")
        let xdg = StoreLocation(environment: ["HOME": "/home/ada", "XDG_DATA_HOME": "/data", "XDG_STATE_HOME": "/state"])
        #expect(xdg.storePath() == "/data/attest/attest.sqlite")
        #expect(xdg.historyPath == "/state/attest/history")
        let relative = StoreLocation(environment: ["HOME": "/home/ada", "XDG_DATA_HOME": "relative/ignored"])
        #expect(relative.storePath() == "/home/ada/.local/share/attest/attest.sqlite")
        let env = StoreLocation(environment: ["HOME": "/h", "ATTEST_STORE": "/tmp/s.sqlite"])
        #expect(env.storePath() == "/tmp/s.sqlite")
        #expect(env.storePath(explicit: "/x.sqlite") == "/x.sqlite")
    }
}
