/// Stops the fuzzer with `message` when `condition` fails. Unlike `precondition`, the message
/// survives `-O`, so the crash log says which property broke and on what.
func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
