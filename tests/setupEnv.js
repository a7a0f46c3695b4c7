// Every suite starts from a machine with no `clarifai login`: the clarifai CLI's config file (the last
// place credentials are read from) points nowhere unless a test sets PULUMI_CLARIFAI_CLI_CONFIG itself, so a
// developer's own login never leaks into a test or its engine runs.
process.env.PULUMI_CLARIFAI_CLI_CONFIG = process.env.PULUMI_CLARIFAI_TEST_CLI_CONFIG || "/nonexistent/pulumi-clarifai-tests/clarifai-config";
