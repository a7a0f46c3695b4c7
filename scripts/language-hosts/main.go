// Language hosts for Python and Go programs: the gRPC LanguageRuntime service that the Pulumi CLI
// starts as `pulumi-language-python` or `pulumi-language-go` to run a program folder. One binary serves
// both; the name it is started under picks the language.
//
// Why they exist: Pulumi's own hosts (modules .../sdk/python/cmd/pulumi-language-python/v3 and
// .../sdk/go/pulumi-language-go/v3) are refused by the Go module proxy reachable here, like the Node.js
// one that scripts/language-host replaces (see README.md beside this file). Like Pulumi's hosts, these
// only launch the program: a Python program runs under the `pulumi` package's own runtime (exec.py calls
// pulumi.runtime.configure and run_in_stack, as Pulumi's pulumi-language-python-exec does); a Go program
// is built with `go build` and started with the PULUMI_* variables the Go SDK reads (sdk/go/pulumi/run.go).
package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// runtime is what differs between the languages.
type runtime interface {
	// name is the language as Pulumi.yaml names it.
	name() string
	// requiredPackages lists the resource plugins the program's dependencies declare (pulumi-plugin.json).
	requiredPackages(info *pulumirpc.ProgramInfo) ([]*pulumirpc.PackageDependency, error)
	// command is the process that runs the program in dir, with the runtime's own arguments and
	// environment (the host adds the stack's config and runs it); a non-empty string is the program's
	// failure before it starts (a build that failed, no interpreter).
	command(ctx context.Context, req *pulumirpc.RunRequest, engine, dir string) (*exec.Cmd, string, error)
	// about names the toolchain that runs programs.
	about(info *pulumirpc.ProgramInfo) (executable, version string)
}

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	rt     runtime
	engine string
}

func (h *host) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		h.engine = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (h *host) GetRequiredPackages(_ context.Context, req *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	pkgs, err := h.rt.requiredPackages(req.GetInfo())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: pkgs}, nil
}

func (h *host) GetRequiredPlugins(_ context.Context, req *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	pkgs, err := h.rt.requiredPackages(req.GetInfo())
	if err != nil {
		return nil, err
	}
	plugins := make([]*pulumirpc.PluginDependency, 0, len(pkgs))
	for _, p := range pkgs {
		plugins = append(plugins, &pulumirpc.PluginDependency{Name: p.Name, Kind: p.Kind, Version: p.Version, Server: p.Server})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	failure, err := h.run(ctx, req)
	if err != nil {
		return nil, err
	}
	if failure == bail {
		return &pulumirpc.RunResponse{Bail: true}, nil
	}
	return &pulumirpc.RunResponse{Error: failure}, nil
}

// run runs the program to completion in its folder, with the stack's config; a non-empty string is the
// program's failure.
func (h *host) run(ctx context.Context, req *pulumirpc.RunRequest) (string, error) {
	dir := programDir(req.GetInfo(), req.GetPwd())
	cmd, failure, err := h.rt.command(ctx, req, h.engine, dir)
	if err != nil || failure != "" {
		return failure, err
	}
	config, err := configEnv(req)
	if err != nil {
		return "", err
	}
	cmd.Dir = dir
	cmd.Env = append(cmd.Env, config...)
	return runProgram(ctx, cmd)
}

// InstallDependencies has nothing to do: the program's environment (a virtualenv with the SDK's wheel,
// a Go module with its requirements) is prepared before Pulumi runs, as README.md says.
func (h *host) InstallDependencies(*pulumirpc.InstallDependenciesRequest, grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]) error {
	return nil
}

func (h *host) RuntimeOptionsPrompts(context.Context, *pulumirpc.RuntimeOptionsRequest) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

func (h *host) About(_ context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	exe, v := h.rt.about(req.GetInfo())
	return &pulumirpc.AboutResponse{Executable: exe, Version: v}, nil
}

func (h *host) GetProgramDependencies(context.Context, *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

// version is the hosts' own version, reported to the engine.
const version = "0.1.0"

// programDir is where the program lives: the request's ProgramInfo, else the working folder.
func programDir(info *pulumirpc.ProgramInfo, pwd string) string {
	if info != nil && info.GetProgramDirectory() != "" {
		return info.GetProgramDirectory()
	}
	if pwd != "" {
		return pwd
	}
	wd, _ := os.Getwd()
	return wd
}

// option is a string runtime option of Pulumi.yaml (`runtime: { options: { name: value } }`).
func option(info *pulumirpc.ProgramInfo, name string) string {
	if info == nil || info.GetOptions() == nil {
		return ""
	}
	if v, ok := info.GetOptions().GetFields()[name]; ok {
		return v.GetStringValue()
	}
	return ""
}

// watchEngine stops the server once the engine that started this host stops listening (three missed
// connections a second apart), as Pulumi's hosts do: a host whose engine died must not linger.
func watchEngine(address string, srv *grpc.Server) {
	if address == "" {
		return
	}
	missed := 0
	for range time.Tick(time.Second) {
		conn, err := net.DialTimeout("tcp", address, time.Second)
		if err != nil {
			missed++
			if missed >= 3 {
				srv.Stop()
				return
			}
			continue
		}
		_ = conn.Close()
		missed = 0
	}
}

func main() {
	var rt runtime
	switch base := strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe"); base {
	case "pulumi-language-python":
		rt = pythonRuntime{}
	case "pulumi-language-go":
		rt = goRuntime{}
	default:
		fmt.Fprintf(os.Stderr, "%s: start this binary as pulumi-language-python or pulumi-language-go\n", base)
		os.Exit(2)
	}
	h := &host{rt: rt}
	// The CLI passes Go-style flags (-root=..., -tracing=...) and then the engine's address.
	for _, a := range os.Args[1:] {
		if !strings.HasPrefix(a, "-") {
			h.engine = a
			break
		}
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-%s: %v\n", rt.name(), err)
		os.Exit(1)
	}
	srv := grpc.NewServer(grpc.MaxRecvMsgSize(400 << 20))
	pulumirpc.RegisterLanguageRuntimeServer(srv, h)
	go watchEngine(h.engine, srv)
	// The engine reads the port from the first line of stdout.
	fmt.Println(lis.Addr().(*net.TCPAddr).Port)
	if err := srv.Serve(lis); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-%s: %v\n", rt.name(), err)
		os.Exit(1)
	}
}
