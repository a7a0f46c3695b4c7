package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// execScript runs a program under the pulumi package's runtime (see exec.py).
//
//go:embed exec.py
var execScript string

// listPlugins prints, as JSON, the pulumi-plugin.json of every installed distribution that ships one
// (what Pulumi's Python host finds through `pip list`): the generated SDKs name their provider there.
const listPlugins = `
import importlib.metadata as md, json, sys
found = []
for dist in md.distributions():
    for f in dist.files or []:
        if f.name == "pulumi-plugin.json":
            try:
                data = json.loads(f.read_text())
            except Exception:
                continue
            if data.get("resource"):
                found.append({"name": data.get("name") or dist.metadata["Name"], "version": data.get("version") or dist.version, "server": data.get("server", "")})
json.dump(found, sys.stdout)
`

type pythonRuntime struct{}

func (pythonRuntime) name() string { return "python" }

// venv is the program's virtual environment (runtime option `virtualenv`, relative to the project
// folder like Pulumi's host takes it), or "" to use the python on PATH.
func venv(info *pulumirpc.ProgramInfo) string {
	dir := option(info, "virtualenv")
	if dir == "" || filepath.IsAbs(dir) {
		return dir
	}
	root := info.GetRootDirectory()
	if root == "" {
		root = programDir(info, "")
	}
	return filepath.Join(root, dir)
}

// python is the interpreter that runs the program and the environment it runs in.
func python(info *pulumirpc.ProgramInfo) (string, []string, error) {
	env := os.Environ()
	if v := venv(info); v != "" {
		py := filepath.Join(v, "bin", "python")
		if _, err := os.Stat(py); err != nil {
			return "", nil, fmt.Errorf("the virtualenv %s named in Pulumi.yaml has no bin/python: create it and install the program's requirements first", v)
		}
		env = append(env, "VIRTUAL_ENV="+v, "PATH="+filepath.Join(v, "bin")+string(os.PathListSeparator)+os.Getenv("PATH"))
		return py, env, nil
	}
	for _, name := range []string{os.Getenv("PULUMI_PYTHON_CMD"), "python3", "python"} {
		if name == "" {
			continue
		}
		if py, err := exec.LookPath(name); err == nil {
			return py, env, nil
		}
	}
	return "", nil, fmt.Errorf("no python3 on PATH and no virtualenv in Pulumi.yaml's runtime options")
}

func (pythonRuntime) requiredPackages(info *pulumirpc.ProgramInfo) ([]*pulumirpc.PackageDependency, error) {
	py, env, err := python(info)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(py, "-c", listPlugins)
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("listing the program's Pulumi packages with %s: %w", py, err)
	}
	var found []struct{ Name, Version, Server string }
	if err := json.Unmarshal(out, &found); err != nil {
		return nil, fmt.Errorf("listing the program's Pulumi packages: %w", err)
	}
	pkgs := make([]*pulumirpc.PackageDependency, 0, len(found))
	for _, f := range found {
		v := f.Version
		if v != "" && !strings.HasPrefix(v, "v") {
			v = "v" + v
		}
		pkgs = append(pkgs, &pulumirpc.PackageDependency{Name: f.Name, Kind: "resource", Version: v, Server: f.Server})
	}
	return pkgs, nil
}

// command runs the program under exec.py, which takes what the Python SDK needs as flags.
func (pythonRuntime) command(ctx context.Context, req *pulumirpc.RunRequest, engine, dir string) (*exec.Cmd, string, error) {
	info := req.GetInfo()
	py, env, err := python(info)
	if err != nil {
		return nil, err.Error(), nil
	}
	entry := info.GetEntryPoint()
	if entry == "" {
		entry = req.GetProgram()
	}
	if entry == "" {
		entry = "."
	}
	args := []string{"-u", "-c", execScript}
	add := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k, v)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", engine)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("stack", req.GetStack())
	add("pwd", dir)
	add("root-directory", info.GetRootDirectory())
	add("parallel", fmt.Sprint(req.GetParallel()))
	add("dry-run", fmt.Sprint(req.GetDryRun()))
	args = append(args, entry)
	args = append(args, req.GetArgs()...)
	cmd := exec.CommandContext(ctx, py, args...)
	cmd.Env = env
	return cmd, "", nil
}

func (pythonRuntime) about(info *pulumirpc.ProgramInfo) (string, string) {
	py, _, err := python(info)
	if err != nil {
		return "", ""
	}
	out, _ := exec.Command(py, "-c", "import platform; print(platform.python_version())").Output()
	return py, strings.TrimSpace(string(out))
}
