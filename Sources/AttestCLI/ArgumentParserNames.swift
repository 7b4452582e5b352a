import ArgumentParser

/// `@Option` in this module means ArgumentParser's, not the core's choice `Option`.
public typealias Option<Value> = ArgumentParser.Option<Value>
