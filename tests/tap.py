"""TAP for the Python test programs: each check runs a function whose
asserts say what went wrong; finish() prints the plan and gives the exit
status."""


class Tap:
    def __init__(self, cleanup=None, lines=20):
        self.results, self.cleanup, self.lines = [], cleanup, lines

    def check(self, name, fn):
        try:
            fn()
            self.results.append((True, name, ""))
        except AssertionError as e:
            self.results.append((False, name, str(e)))
        finally:
            if self.cleanup:
                self.cleanup()

    def finish(self):
        for i, (ok, name, msg) in enumerate(self.results, 1):
            print(f"{'ok' if ok else 'not ok'} {i} - {name}")
            for line in msg.splitlines()[: self.lines]:
                print("#   " + line)
        print(f"1..{len(self.results)}")
        return 0 if all(r[0] for r in self.results) else 1
