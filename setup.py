"""fga: fine-grained video action analysis on MMEngine and MMAction2.

Besides the package, installs ``fga/.mim/{configs,tools,model-index.yml}``
so that ``mim train fga CONFIG`` and ``mim test fga`` find them: copies for
wheels, sdists and plain installs, symbolic links for editable installs.
"""
import os
import os.path as osp
import shutil
import sys

from setuptools import find_packages, setup

HERE = osp.dirname(osp.abspath(__file__))
MIM_FILES = ('configs', 'tools', 'model-index.yml')


def read_requirements(name):
    with open(osp.join(HERE, 'requirements', name)) as f:
        return [line.strip() for line in f
                if line.strip() and not line.startswith('#')]


def version():
    scope = {}
    with open(osp.join(HERE, 'fga', 'version.py')) as f:
        exec(f.read(), scope)
    return scope['__version__']


def add_mim_extension():
    if any(cmd in sys.argv for cmd in ('develop', 'editable_wheel')):
        mode = 'symlink'
    elif any(cmd in sys.argv
             for cmd in ('sdist', 'bdist_wheel', 'build', 'install')):
        mode = 'copy'
    else:
        return
    mim_dir = osp.join(HERE, 'fga', '.mim')
    os.makedirs(mim_dir, exist_ok=True)
    for name in MIM_FILES:
        source = osp.join(HERE, name)
        target = osp.join(mim_dir, name)
        if osp.islink(target) or osp.isfile(target):
            os.remove(target)
        elif osp.isdir(target):
            shutil.rmtree(target)
        if mode == 'symlink':
            os.symlink(osp.relpath(source, mim_dir), target)
        elif osp.isdir(source):
            shutil.copytree(source, target,
                            ignore=shutil.ignore_patterns('__pycache__'))
        else:
            shutil.copyfile(source, target)


add_mim_extension()

setup(
    name='fga',
    version=version(),
    description='Fine-grained video action analysis on MMAction2: F3AST, '
    'HAAN, ActionFormer, full-video recognition',
    long_description=open(
        osp.join(HERE, 'README.md'), encoding='utf-8').read(),
    long_description_content_type='text/markdown',
    python_requires='>=3.9',
    packages=find_packages(exclude=('tests', 'tests.*', 'configs', 'tools',
                                    'benchmarks', 'projects', 'data',
                                    'work_dirs')),
    include_package_data=True,
    install_requires=read_requirements('runtime.txt'),
    extras_require=dict(
        tests=read_requirements('tests.txt') + read_requirements('mim.txt'),
        mim=read_requirements('mim.txt')),
    zip_safe=False)
