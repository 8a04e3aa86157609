"""Strip a training checkpoint for release: keep ``meta`` and
``state_dict``, drop ``message_hub``, ``optimizer`` and
``param_schedulers`` (so it loads under torch's safe default), and append
the first 8 hex digits of its SHA-256 to the file name.

    python tools/misc/publish_model.py IN.pth OUT.pth [--trust-checkpoint]
"""
import argparse

from fga.models.converters import publish_checkpoint


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('in_file')
    parser.add_argument('out_file')
    parser.add_argument(
        '--trust-checkpoint', action='store_true',
        help='load with weights_only=False (runs any code in the pickle)')
    args = parser.parse_args(argv)
    print(
        publish_checkpoint(args.in_file, args.out_file,
                           args.trust_checkpoint))


if __name__ == '__main__':
    main()
