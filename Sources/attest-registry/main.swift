import AttestRegistry

await RegistryToolCommand.start()
