import AttestCLI

AttestCommand.start()
