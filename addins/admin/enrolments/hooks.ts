import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../shared/ui/api-context.tsx';

export function useImportEnrolments(cohortId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => api.importEnrolments(cohortId, file, file.name),
    onSuccess: () => client.invalidateQueries({ queryKey: ['cohort', cohortId] }),
  });
}

export function useTemplatesOffered() {
  const api = useApi();
  return useQuery({ queryKey: ['enrolment-templates'], queryFn: api.templatesOffered, staleTime: Infinity, retry: false });
}
