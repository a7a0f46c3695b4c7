package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

type goRuntime struct{}

func (goRuntime) name() string { return "go" }

// requiredPackages is empty: the engine loads the provider a resource names when it is registered, and
// the tests install the plugin before they run a program.
func (goRuntime) requiredPackages(*pulumirpc.ProgramInfo) ([]*pulumirpc.PackageDependency, error) {
	return nil, nil
}

// build compiles the program (or takes the runtime option `binary`, as Pulumi's Go host does). The
// binary is kept per program folder under the temporary folder ($TMPDIR): `go build -o` leaves an
// up-to-date binary alone, so the second operation of a stack does not link again.
func build(ctx context.Context, info *pulumirpc.ProgramInfo, dir string) (string, string, error) {
	if bin := option(info, "binary"); bin != "" {
		if !filepath.IsAbs(bin) {
			bin = filepath.Join(dir, bin)
		}
		return bin, "", nil
	}
	goExe, err := exec.LookPath("go")
	if err != nil {
		return "", "", fmt.Errorf("no go on PATH to build the program in %s", dir)
	}
	sum := sha256.Sum256([]byte(dir))
	out := filepath.Join(os.TempDir(), "pulumi-clarifai-go-programs", hex.EncodeToString(sum[:8]), "program")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return "", "", err
	}
	// -trimpath as the Pulumi CLI's own build (scripts/ensure-pulumi) uses it: on a fresh machine most of
	// the Go SDK's dependencies are then already in Go's build cache (about 500 of 730 packages).
	cmd := exec.CommandContext(ctx, goExe, "build", "-trimpath", "-o", out, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if os.Getenv("GOFLAGS") == "" {
		cmd.Env = append(cmd.Env, "GOFLAGS=-buildvcs=false")
	}
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Sprintf("go build failed in %s:\n%s", dir, msg), nil
	}
	return out, "", nil
}

// command runs the built program with the PULUMI_* variables the Go SDK reads (sdk/go/pulumi/run.go).
func (goRuntime) command(ctx context.Context, req *pulumirpc.RunRequest, engine, dir string) (*exec.Cmd, string, error) {
	info := req.GetInfo()
	bin, failure, err := build(ctx, info, dir)
	if err != nil || failure != "" {
		return nil, failure, err
	}
	env := append(os.Environ(),
		"PULUMI_MONITOR="+req.GetMonitorAddress(),
		"PULUMI_ENGINE="+engine,
		"PULUMI_ORGANIZATION="+req.GetOrganization(),
		"PULUMI_PROJECT="+req.GetProject(),
		"PULUMI_STACK="+req.GetStack(),
		"PULUMI_ROOT_DIRECTORY="+info.GetRootDirectory(),
		fmt.Sprintf("PULUMI_DRY_RUN=%v", req.GetDryRun()),
		fmt.Sprintf("PULUMI_PARALLEL=%d", req.GetParallel()),
	)
	cmd := exec.CommandContext(ctx, bin, req.GetArgs()...)
	cmd.Env = env
	return cmd, "", nil
}

func (goRuntime) about(*pulumirpc.ProgramInfo) (string, string) {
	goExe, err := exec.LookPath("go")
	if err != nil {
		return "", ""
	}
	out, _ := exec.Command(goExe, "env", "GOVERSION").Output()
	return goExe, strings.TrimSpace(string(out))
}
