# Runs a Pulumi Python program under the `pulumi` package's own runtime, with the settings the language
# host passes as arguments and the configuration it passes in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS.
# The same steps as Pulumi's pulumi-language-python-exec (which ships with Pulumi's host, not on PyPI):
# configure the runtime, run the program as __main__ inside run_in_stack, exit 32 once an error has been
# reported to the engine.
import argparse
import asyncio
import logging
import os
import runpy
import sys
import traceback

try:
    import pulumi
    import pulumi.runtime
except ImportError:
    print(traceback.format_exc(), file=sys.stderr)
    print("The pulumi package is not installed in this Python environment: "
          "pip install -r requirements.txt in the program's virtualenv.", file=sys.stderr)
    sys.exit(1)

LOGGED_ERROR = 32

ap = argparse.ArgumentParser(prog="pulumi-language-python-exec")
for flag in ("monitor", "engine", "organization", "project", "stack", "pwd", "root-directory", "parallel", "dry-run"):
    ap.add_argument("--" + flag)
ap.add_argument("PROGRAM")
ap.add_argument("ARGS", nargs="*")
args = ap.parse_args()

pulumi.runtime.set_all_config(pulumi.runtime.get_config_env(), pulumi.runtime.get_config_secret_keys_env())
pulumi.runtime.configure(
    pulumi.runtime.Settings(
        monitor=args.monitor,
        engine=args.engine,
        project=args.project,
        stack=args.stack,
        parallel=int(args.parallel or 0),
        dry_run=args.dry_run == "true",
        organization=args.organization,
        root_directory=args.root_directory,
    )
)

if args.pwd:
    os.chdir(args.pwd)
program = os.path.abspath(args.PROGRAM)
sys.argv = [program] + args.ARGS
# The program's own folder first on sys.path, as when Python runs a script or a folder directly.
sys.path.insert(0, program if os.path.isdir(program) else os.path.dirname(program))

# Unobserved futures of a failed graph are expected; asyncio would log each of them.
logging.getLogger("asyncio").setLevel(logging.CRITICAL)
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
ok = False
try:
    loop.run_until_complete(pulumi.runtime.run_in_stack(lambda: runpy.run_path(program, run_name="__main__")))
    ok = True
except pulumi.RunError as e:
    pulumi.log.error(str(e))
except Exception:
    pulumi.log.error("Program failed with an unhandled exception:\n" + traceback.format_exc())
finally:
    loop.close()
    sys.stdout.flush()
    sys.stderr.flush()
sys.exit(0 if ok else LOGGED_ERROR)
