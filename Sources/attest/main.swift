import AttestCLI

AttestCommand.main()
