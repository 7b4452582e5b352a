import AttestRegistry

await RegistryToolCommand.main()
