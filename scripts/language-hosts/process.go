package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// exitLoggedError is the exit status with which Pulumi's program runtimes say "the error has been
// reported to the engine already" (constant.ExitStatusLoggedError in the Go SDK); the host then bails
// without a message of its own.
const exitLoggedError = 32

// configEnv is the program's configuration as Pulumi's runtimes read it from the environment.
func configEnv(req *pulumirpc.RunRequest) ([]string, error) {
	config, err := json.Marshal(req.GetConfig())
	if err != nil {
		return nil, err
	}
	keys := req.GetConfigSecretKeys()
	if keys == nil {
		keys = []string{}
	}
	secretKeys, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	return []string{"PULUMI_CONFIG=" + string(config), "PULUMI_CONFIG_SECRET_KEYS=" + string(secretKeys)}, nil
}

// runProgram runs cmd with the host's stdout and stderr (the engine shows them) and turns its exit into
// the RunResponse's error text: empty on success, "bail" when the program reported its own error.
func runProgram(ctx context.Context, cmd *exec.Cmd) (string, error) {
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	err := cmd.Run()
	if err == nil {
		return "", nil
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		if exit.ExitCode() == exitLoggedError {
			return bail, nil
		}
		return fmt.Sprintf("Program exited with non-zero exit code: %d", exit.ExitCode()), nil
	}
	if ctx.Err() != nil {
		return "", ctx.Err()
	}
	return fmt.Sprintf("could not start the program (%s): %v", cmd.Path, err), nil
}

// bail is runProgram's marker for "already reported"; Run turns it into RunResponse.Bail.
const bail = "\x00bail"
