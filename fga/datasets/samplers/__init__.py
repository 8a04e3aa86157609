from .reproducible_sampler import ReproducibleSampler, SampleIndex

__all__ = ['ReproducibleSampler', 'SampleIndex']
