#!/usr/bin/env python3
"""Checks the generated Python bindings without pip packages (PyPI is not reachable from CI).

  check-python-bindings.py <python binding dir> <.jsii assembly> <README.md> <.jsii.tabl.json>

1. Byte-compiles every generated file (compileall): the code is valid Python.
2. Imports the package with minimal stand-ins for its runtime dependencies (jsii, publication, aws_cdk,
   constructs, cdk_nag), so every module-level statement runs: class definitions, their bases and
   metaclasses, decorators, enum members, struct base classes from aws-cdk-lib and cdk-nag.
3. Every type of the jsii assembly is defined in the package under its own name.
4. The README's Python landing zone is jsii-rosetta's translation of the TypeScript one above it, and
   every name it imports from the package exists.
"""
import abc
import compileall
import importlib
import importlib.abc
import importlib.machinery
import json
import re
import sys
import types
import typing

try:
    import typing_extensions  # noqa: F401  (a standard part of most Python installations)
except ImportError:
    sys.modules['typing_extensions'] = typing  # Protocol lives in typing since Python 3.8

binding_dir, assembly_file, readme_file, tablet_file = sys.argv[1:5]
MODULE = 'cdk_bedrock_landing_zone'
failures = []


def fail(message):
    failures.append(message)
    print(f'FAIL: {message}', file=sys.stderr)


# 1. Valid Python.
if not compileall.compile_dir(f'{binding_dir}/src', quiet=1):
    fail('compileall reported errors')


# 2. Stand-ins: just enough of each dependency for the module-level code to run.
class JSIIMeta(type):
    def __new__(mcs, name, bases, namespace, **_kwargs):
        return super().__new__(mcs, name, bases, namespace)

    def __init__(cls, name, bases, namespace, **_kwargs):
        super().__init__(name, bases, namespace)


class JSIIAbstractClass(abc.ABCMeta, JSIIMeta):
    pass


def passthrough(*_args, **_kwargs):
    return lambda target: target


class classproperty:
    def __init__(self, getter):
        self.getter = getter

    def __get__(self, _instance, owner):
        return self.getter(owner)


def stub_type(name):
    # Interfaces of the dependencies are protocols, since the package's interfaces extend them together
    # with typing_extensions.Protocol; everything else is a class the package can subclass.
    if re.match(r'^I[A-Z]', name):
        return type(name, (typing_extensions_protocol(),), {})
    return JSIIMeta(name, (), {})


def typing_extensions_protocol():
    return sys.modules['typing_extensions'].Protocol


class StubModule(types.ModuleType):
    def __init__(self, name):
        super().__init__(name)
        self.__path__ = []
        self._types = {}

    def __getattr__(self, name):
        if name.startswith('__'):
            raise AttributeError(name)
        if name not in self._types:
            self._types[name] = stub_type(name)
        return self._types[name]


def make_jsii():
    jsii = StubModule('jsii')
    jsii.JSIIMeta = JSIIMeta
    jsii.JSIIAbstractClass = JSIIAbstractClass
    jsii.Number = float
    for decorator in ['member', 'data_type', 'enum', 'implements', 'interface']:
        setattr(jsii, decorator, passthrough)
    jsii.proxy_for = lambda abstract: type(f'{abstract.__name__}Proxy', (), {})
    jsii.JSIIAssembly = types.SimpleNamespace(load=lambda *args: args)
    jsii.python = types.SimpleNamespace(classproperty=classproperty)
    checking = types.ModuleType('jsii._type_checking')
    checking.cached_type_hints = lambda fn: typing.get_type_hints(fn)
    checking.check_type = lambda **_kwargs: None
    return jsii, checking


class StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    ROOTS = ('aws_cdk', 'constructs', 'cdk_nag')

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split('.')[0] in self.ROOTS:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        return StubModule(spec.name)

    def exec_module(self, module):
        pass


jsii_stub, type_checking_stub = make_jsii()
sys.modules['jsii'] = jsii_stub
sys.modules['jsii._type_checking'] = type_checking_stub
sys.modules['publication'] = types.SimpleNamespace(publish=lambda: None)
sys.meta_path.insert(0, StubFinder())
sys.path.insert(0, f'{binding_dir}/src')
try:
    package = importlib.import_module(MODULE)
except Exception as e:  # noqa: BLE001  (any failure to import is the finding)
    fail(f'importing {MODULE} failed: {type(e).__name__}: {e}')
    package = None

# 3. Every type of the assembly is there.
with open(assembly_file) as f:
    assembly = json.load(f)
if package is not None:
    names = [fqn.split('.', 1)[1] for fqn in assembly['types']]
    missing = [name for name in names if '.' not in name and not hasattr(package, name)]
    if missing:
        fail(f'types of the assembly missing from the Python package: {", ".join(missing)}')
    print(f'{MODULE}: imported; {len(names)} types of the assembly present')

# 4. The README's Python example.
with open(readme_file) as f:
    readme = f.read()
with open(tablet_file) as f:
    tablet = json.load(f)
blocks = re.findall(r'^```python\n(.*?)^```', readme, flags=re.S | re.M)
if not blocks:
    fail('README has no ```python example')
translations = {s['translations']['python']['source'].strip() for s in tablet['snippets'].values() if 'python' in s['translations']}
for block in blocks:
    if block.strip() not in translations:
        fail('a README Python example is not jsii-rosetta\'s translation of a README TypeScript example:\n' + block)
    for imported in re.findall(rf'^from {MODULE} import (.+)$', block, flags=re.M):
        for name in [n.strip() for n in imported.split(',')]:
            if package is not None and not hasattr(package, name):
                fail(f'the README Python example imports {name}, which the package does not define')
print(f'README: {len(blocks)} Python example(s) checked against the rosetta translations')

if failures:
    sys.exit(1)
print('Python bindings: OK')
