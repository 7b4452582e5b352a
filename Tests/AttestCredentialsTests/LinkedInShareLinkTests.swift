import AttestCredentials
import Foundation
import Testing

@Suite("LinkedInShareLink")
struct LinkedInShareLinkTests {
    @Test func encodesEveryReservedCharacter() {
        let url = LinkedInShareLink.url(
            name: "SQL & Stats = 100% +1", organizationName: "Café Academy", issued: CredentialFixtures.awardedAt,
            expires: Date(timeIntervalSince1970: 1_790_000_000 + 365 * 86_400), certID: CredentialFixtures.awardID)
        #expect(url == "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME"
            + "&name=SQL%20%26%20Stats%20%3D%20100%25%20%2B1&organizationName=Caf%C3%A9%20Academy"
            + "&issueYear=2026&issueMonth=9&expirationYear=2027&expirationMonth=9"
            + "&certId=urn%3Auuid%3A4f1c2b7e-9d3a-4c55-8e21-0a6b7c8d9e10")
    }

    @Test func omitsExpirationWhenTheCredentialNeverExpires() {
        let url = LinkedInShareLink.url(name: "A", organizationName: "B", issued: Date(timeIntervalSince1970: 0), expires: nil, certID: "c")
        #expect(url == "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=A&organizationName=B&issueYear=1970&issueMonth=1&certId=c")
    }
}
